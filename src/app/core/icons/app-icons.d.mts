/** Every icon name src/app uses, and the uses the scanner cannot read (see app-icons.mjs). */
export function appIconNames(appDir: string): { names: string[]; problems: string[] };
