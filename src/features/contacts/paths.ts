/** URLs of a person (key `local:<id>` or `dir:<id>`). */
export const personPath = (key: string) => `/contacts/${encodeURIComponent(key)}`;
export const editPath = (key: string) => `${personPath(key)}/edit`;
