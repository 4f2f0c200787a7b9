/**
 * Text for an HTML attribute. @kitajs/html escapes `"` in attribute values but not `&`, so
 * "AT&amp;T" typed by someone would come back as "AT&T" (and a saved form would change the
 * text). Every attribute that holds text a person wrote goes through this.
 */
export const attr = <T extends string | undefined>(text: T): T => (text === undefined ? text : (text.replace(/&/g, '&amp;') as T));
