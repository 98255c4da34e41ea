/**
 * Mermaid's SVG text, parsed in an inert document (DOMParser runs no script and loads nothing),
 * stripped of anything that could run or load, then imported into the page. Labels are already
 * escaped by the generator and Mermaid sanitises them again (`securityLevel: 'strict'`); this is
 * the last layer, so the page never gets markup straight from a string.
 */
const DROP = 'script, iframe, frame, object, embed, img, image, link, meta, base, form, input, button, textarea, select, audio, video, source, track, animate, set, animateMotion, animateTransform, handler, listener';

function scrub(root: Element): void {
  for (const el of [...root.querySelectorAll(DROP)]) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith('on')) el.removeAttribute(attr.name);
      else if ((name === 'href' || name === 'xlink:href' || name === 'src' || name === 'action' || name === 'formaction') && !value.startsWith('#')) el.removeAttribute(attr.name);
    }
  }
}

/** The `<svg>` of Mermaid's output, safe to insert; undefined when there is none. */
export function safeSvg(svgText: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${svgText}`, 'text/html');
  const root = doc.querySelector('svg');
  if (!root) return undefined;
  scrub(root);
  return document.importNode(root, true);
}
