// Text a pull request controls (an image, a build, a container), for the tests of what reaches a log.
/**
 * Text an image, a build or a container controls, each trying to put a workflow command at the start of a line
 * the runner reads: after CR, LF, CRLF, the Unicode separators, NEL, or a terminal sequence.
 */
export const HOSTILE = [
  'app\r::error title=x::injected by a bare CR',
  'app\n::error::injected by LF',
  'app\r\n::set-output name=passed::true',
  'app\u2028::error::injected by LS',
  'app\u2029::error::injected by PS',
  'app\u0085::error::injected by NEL',
  'app\u000b::error::injected by VT',
  'app\u000c::error::injected by FF',
  'app\u001b[2K\r::error::injected after erasing the line',
  'app\r\r\n\n\r::add-mask::x',
];
