// Attributes of standard HTML that @kitajs/html's types do not list yet.
declare namespace JSX {
  interface HtmlImageTag {
    sizes?: string | undefined;
  }
}
