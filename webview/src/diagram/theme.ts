/**
 * Mermaid's `base` theme fed with the current VS Code theme's colours (read from the CSS variables
 * VS Code sets on the webview), so diagrams match dark, light and high-contrast themes and follow a
 * theme switch. Mermaid computes derived colours itself, so it needs real colour values, not var().
 */
export type ThemeKind = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function mermaidThemeVariables(): Record<string, string | boolean> {
  const dark = themeKind() === 'dark' || themeKind() === 'high-contrast';
  const bg = cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff');
  const fg = cssVar('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f');
  const border = cssVar('--vscode-editorWidget-border', dark ? '#454545' : '#c8c8c8');
  const widget = cssVar('--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3');
  const font = cssVar('--vscode-font-family', 'sans-serif');
  return {
    darkMode: dark,
    background: bg,
    fontFamily: font,
    primaryColor: widget,
    primaryTextColor: fg,
    primaryBorderColor: border,
    secondaryColor: widget,
    tertiaryColor: bg,
    lineColor: fg,
    textColor: fg,
    mainBkg: widget,
    nodeBorder: border,
    nodeTextColor: fg,
    clusterBkg: bg,
    clusterBorder: border,
    titleColor: fg,
    edgeLabelBackground: bg,
  };
}

/** Calls `onChange` when VS Code switches theme (it changes the body's classes). */
export function onThemeChange(onChange: () => void): void {
  let last = `${document.body.className}`;
  new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    onChange();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
