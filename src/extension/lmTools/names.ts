/** The tools' names as package.json `contributes.languageModelTools` declares them (no `vscode` import, so the unit tests read it too). */
export const LM_TOOL = {
  checkDiagram: 'threatlens_checkDiagram',
  explainThreat: 'threatlens_explainThreat',
  proposeDecision: 'threatlens_proposeDecision',
} as const;
