/** What delivery needs from a GitHub Actions front-end; the action implements it over @actions/core. */
export interface ActionsOutput {
  setSecret(value: string): void;
  exportVariable(name: string, value: string): void;
  setOutput(name: string, value: string): void;
  saveState(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  info(message: string): void;
  notice(message: string): void;
}
