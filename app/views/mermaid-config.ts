/**
 * Settings a diagram definition's own `%%{init: …}%%` directive may not
 * change, in the browser and on the server alike (mermaid drops these keys
 * from a directive, at any depth). mermaid's own list, plus the options whose
 * text reaches the diagram's stylesheet unchecked (a url() there is a request
 * made by whoever looks at the diagram) and the label mode (HTML labels are
 * <foreignObject>, which Word drops).
 */
export const MERMAID_LOCKED_KEYS = [
  "secure",
  "securityLevel",
  "startOnLoad",
  "maxTextSize",
  "suppressErrorRendering",
  "maxEdges",
  "htmlLabels",
  "themeCSS",
  "fontFamily",
  "altFontFamily",
  "arrowMarkerAbsolute",
  "dompurifyConfig",
];
