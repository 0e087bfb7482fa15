"""Build-stage helper for a distroless-style Python image: copies into ROOT the interpreter, the shared libraries
it and its extension modules load, and only the standard-library modules app.py uses while it answers a request
(each with its bytecode, so that a read-only container does not compile them on every start).

    python3.11 -I runtime.py ROOT
"""
import compileall
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import threading

root = sys.argv[1]
# The service speaks plain HTTP: http.client imports ssl only if it can, and without it the image needs neither
# the ssl module nor OpenSSL's libraries (5 MB).
sys.modules["ssl"] = None
# -I leaves the script's folder off sys.path (as the image's ENTRYPOINT runs the app): load app.py by its path.
spec = importlib.util.spec_from_file_location("app", os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.py"))
app = importlib.util.module_from_spec(spec)
spec.loader.exec_module(app)

# Serve one request on a free port, so that the modules imported lazily while answering are loaded too.
server = app.ThreadingHTTPServer(("127.0.0.1", 0), app.Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
with socket.create_connection(server.server_address) as connection:
    connection.sendall(b"GET / HTTP/1.0\r\n\r\n")
    while connection.recv(65536):
        pass
server.shutdown()

stdlib = sysconfig.get_paths()["stdlib"]
files = {os.path.realpath(sys.executable)}
for module in list(sys.modules.values()):
    path = getattr(module, "__file__", None)
    if path and os.path.realpath(path).startswith(stdlib + os.sep):
        files.add(os.path.realpath(path))
# os.py is the landmark the interpreter finds its standard library by.
files.add(os.path.join(stdlib, "os.py"))


def copy(path):
    """Copies a file to the same path under root; symlinks on the way (/lib -> usr/lib) are made there too, once."""
    walked = "/"
    parts = [part for part in path.split("/") if part]
    while parts:
        part = parts.pop(0)
        if part == "..":
            walked = os.path.dirname(walked)
            continue
        walked = os.path.join(walked, part)
        target = os.path.join(root, walked.lstrip("/"))
        if os.path.islink(walked):
            link = os.readlink(walked)
            if not os.path.lexists(target):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.symlink(link, target)
            walked = "/" if link.startswith("/") else os.path.dirname(walked)
            parts = [item for item in link.split("/") if item] + parts
        elif not parts and not os.path.exists(target):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(walked, target)


for path in sorted(files):
    copy(path)
    if path.endswith(".so") or path == os.path.realpath(sys.executable):
        for line in subprocess.run(["ldd", path], capture_output=True, text=True, check=True).stdout.splitlines():
            library = next((part for part in line.split() if part.startswith("/")), None)
            if library:
                copy(library)
copy("/usr/bin/python3")
compileall.compile_dir(os.path.join(root, stdlib.lstrip("/")), quiet=1)
print(f"{len(files)} files of the interpreter and its standard library copied to {root}")
