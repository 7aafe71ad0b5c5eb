/** What the CLI's commands tell the user to do when a command line cannot work as given. */

/** `bootstrap destroy --github-repo`: the repository's side goes first, through revoke. */
export const DESTROY_AFTER_REVOKE =
  'bootstrap destroy works on files; revoke the repository first (bootstrap revoke <name> --github-repo ...), ' +
  'then destroy';
