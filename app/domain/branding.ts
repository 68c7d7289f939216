/**
 * A consulting firm's branding: its name, logo, colour and Latin font, as the
 * installation stores it and the Word documents wear it.
 */

/** Fonts a firm may choose for Latin text; Persian text is always set in the embedded Vazirmatn. */
export const BRAND_FONTS = ["Vazirmatn", "Calibri", "Arial", "Cambria", "Times New Roman"] as const;
export type BrandFont = (typeof BRAND_FONTS)[number];

export type Logo = { data: Uint8Array; type: "png" | "jpg"; width: number; height: number };

export type Branding = {
  firmName: string;
  logo: Logo | null;
  /** Six hex digits, without '#'. */
  primaryColor: string;
  font: BrandFont;
};

export const DEFAULT_BRANDING: Branding = { firmName: "", logo: null, primaryColor: "1F4E79", font: "Vazirmatn" };
