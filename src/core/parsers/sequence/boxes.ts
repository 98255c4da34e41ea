/**
 * `box [color] [title]`: Mermaid tries the first word (or an `rgb(…)`/`hsl(…)` call) as a CSS
 * colour and keeps the rest as the title; when it is no colour, the whole text is the title. The
 * browser decides what a colour is, so the same test is done here with the CSS colour names.
 */
import type { Source } from '../mermaid/source';
import type { TextRange } from '../common/diagramBuilder';
import { wordEnd } from '../common/scan';
import { restText } from './messages';

const NAMED_COLORS = new Set(`aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan
darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon
darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey
honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral
lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine
mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple
red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray
slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen
transparent currentcolor`.split(/\s+/));

const COLOR_FUNCTIONS = ['rgb', 'rgba', 'hsl', 'hsla'];

/** Index after a leading colour in `[start, end)`, or `start` when the text does not open with one. */
function colorEnd(src: Source, start: number, end: number): number {
  const w = wordEnd(src, start);
  const word = src.text.slice(start, w).toLowerCase();
  if (COLOR_FUNCTIONS.includes(word)) {
    const open = src.skipBlanks(w);
    if (src.text[open] !== '(') return start;
    // Mermaid's pattern is greedy (`\(.*\)`): the call runs to the last `)` of the text.
    const close = src.text.lastIndexOf(')', end - 1);
    return close > open ? close + 1 : start;
  }
  return w > start && NAMED_COLORS.has(word) ? w : start;
}

/** The title of the box whose text starts at `start` (after `box`), and where the line ends. */
export function boxTitle(src: Source, start: number): { title?: TextRange; end: number } {
  const p = src.skipBlanks(start);
  const whole = restText(src, p);
  const after = colorEnd(src, p, whole.end);
  if (after === p) return { title: whole.range, end: whole.end };
  return { title: restText(src, after).range, end: whole.end };
}
