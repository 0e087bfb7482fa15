// Pure: a Dockerfile's instructions with their line numbers, and which image layer each one made.
import { ImageConfigHistory } from './archive.js';

export interface DockerfileInstruction {
  /** 1-based line where the instruction starts. */
  line: number;
  keyword: string;
  /** Arguments with line continuations joined. */
  args: string;
  stage: number;
}

export interface ParsedDockerfile {
  instructions: DockerfileInstruction[];
  stageCount: number;
}

/** Parses instructions, continuations (`\` or the `# escape=` character), comments and heredocs. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.split(/\r?\n/);
  const escapeDirective = /^#\s*escape\s*=\s*(\S)/i.exec(lines.find((line) => line.trim() !== '') ?? '');
  const escapeChar = escapeDirective ? escapeDirective[1] : '\\';
  const instructions: DockerfileInstruction[] = [];
  let stage = -1;
  for (let index = 0; index < lines.length; index += 1) {
    const trimmed = lines[index].trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const startLine = index + 1;
    let joined = '';
    let current = lines[index];
    for (;;) {
      const body = current.trimEnd();
      if (body.endsWith(escapeChar)) {
        joined += body.slice(0, -1) + ' ';
        index += 1;
        // Comment lines inside a continued instruction are dropped, as docker does.
        while (index < lines.length && lines[index].trim().startsWith('#')) index += 1;
        if (index >= lines.length) break;
        current = lines[index];
      } else {
        joined += body;
        break;
      }
    }
    const match = /^\s*(\S+)\s*(.*)$/s.exec(joined);
    if (!match) continue;
    const keyword = match[1].toUpperCase();
    const args = match[2].replace(/\s+/g, ' ').trim();
    const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(args);
    if (heredoc && (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD')) {
      while (index + 1 < lines.length && lines[index + 1].trim() !== heredoc[1]) index += 1;
      index += 1;
    }
    if (keyword === 'FROM') stage += 1;
    instructions.push({ line: startLine, keyword, args, stage: Math.max(stage, 0) });
  }
  return { instructions, stageCount: stage + 1 };
}

/** The instruction keyword a history entry's created_by records (classic builder and BuildKit forms). */
export function historyKeyword(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /#\(nop\)\s+(\S+)/.exec(text);
  if (nop) return nop[1].toUpperCase();
  if (/^(\|\d+ .*?)?\/bin\/sh -c /.test(text) || /^(\|\d+ .*?)?\S*sh -c /.test(text)) return 'RUN';
  const first = /^(\S+)/.exec(text);
  return first ? first[1].toUpperCase() : '';
}

function normalise(text: string): string {
  return text
    .replace(/\\\s*\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Does this history entry plausibly come from this instruction? */
function sameStep(createdBy: string, instruction: DockerfileInstruction): boolean {
  if (historyKeyword(createdBy) !== instruction.keyword) return false;
  const recorded = normalise(createdBy);
  if (instruction.keyword === 'RUN') {
    const command = normalise(instruction.args.replace(/^(--\S+\s+)+/, '')).replace(/^\[\s*"(.*)"\s*\]$/, '$1');
    return recorded.includes(command.slice(0, 60)) || recorded.includes(command.replace(/"/g, '').slice(0, 60));
  }
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    const parts = instruction.args.replace(/^(--\S+\s+)+/, '').split(' ');
    const destination = parts.at(-1) ?? '';
    return destination === '' || recorded.includes(destination.replace(/^\.\//, ''));
  }
  return true;
}

export interface LayerOrigin {
  /** created_by from the image history, trimmed of the builder's prefixes. */
  createdBy: string;
  /** The Dockerfile instruction that made the layer (final stage only, when the gate built the image). */
  instruction?: DockerfileInstruction;
  /** Made by the image's own build, not inherited from its base image. */
  own: boolean;
}

/** Readable form of a created_by, the same for both builders: without `/bin/sh -c #(nop)`, `|N ARG=...` and `# buildkit`. */
export function shortCreatedBy(createdBy: string): string {
  return (
    createdBy
      .replace(/^\|\d+ (\S+=\S* )*/, '')
      .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
      .replace(/^\/bin\/sh -c /, 'RUN ')
      // BuildKit writes the shell form as `RUN /bin/sh -c ...`: shown as the classic builder's is.
      .replace(/^RUN \/bin\/sh -c /, 'RUN ')
      .replace(/\s+# buildkit$/, '')
      .replace(/\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{20,}/g, '$1:$2…')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * For each layer (RootFS order), the history entry that made it and, when the Dockerfile is known, the
 * final-stage instruction: history and instructions are matched backwards from the last layer, skipping
 * instructions that make no layer. Layers left over belong to the base image. Without a Dockerfile, every
 * layer but the first counts as the image's own (dive's "user" layers).
 */
export function attributeLayers(history: ImageConfigHistory[], layerCount: number, dockerfile?: ParsedDockerfile): LayerOrigin[] {
  const layerHistory = history.filter((entry) => !entry.empty_layer).map((entry) => entry.created_by ?? '');
  // History can be missing or shorter than the layer list (e.g. imported images); pad from the front.
  while (layerHistory.length < layerCount) layerHistory.unshift('');
  const origins: LayerOrigin[] = layerHistory.slice(-layerCount).map((createdBy, index) => ({
    createdBy: shortCreatedBy(createdBy) || '(no history recorded: an imported or squashed layer)',
    own: dockerfile ? false : index > 0,
  }));
  if (!dockerfile || dockerfile.stageCount === 0) return origins;
  const finalStage = dockerfile.instructions.filter(
    (instruction) => instruction.stage === dockerfile.stageCount - 1 && instruction.keyword !== 'FROM',
  );
  const recorded = layerHistory.slice(-layerCount);
  let instructionIndex = finalStage.length - 1;
  for (let layer = layerCount - 1; layer >= 0 && instructionIndex >= 0; layer -= 1) {
    while (instructionIndex >= 0 && !sameStep(recorded[layer], finalStage[instructionIndex])) instructionIndex -= 1;
    if (instructionIndex < 0) break;
    origins[layer].instruction = finalStage[instructionIndex];
    origins[layer].own = true;
    instructionIndex -= 1;
  }
  return origins;
}
