"""A small Python HTTP service: GET /healthz answers "ok", GET / says hello and how long the process has run.
Standard library only; the server starts when the file runs as a script, not when it is imported."""
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STARTED = time.monotonic()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            self.answer(200, "text/plain", b"ok\n")
        elif self.path == "/":
            body = json.dumps({"hello": "world", "up_seconds": round(time.monotonic() - STARTED, 3)})
            self.answer(200, "application/json", body.encode() + b"\n")
        else:
            self.answer(404, "text/plain", b"not found\n")

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def serve(port=int(os.environ.get("PORT", "8080"))):
    server = ThreadingHTTPServer(("", port), Handler)
    print(f"listening on {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve()
