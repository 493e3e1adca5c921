/** @module render/templates/input — what a built-in template is given: the design's colours, text and logo. */
import type { DesignColours, DesignText } from '../../domain/types.js';

export interface TemplateInput {
  colours: DesignColours;
  text: DesignText;
  /** A png/jpeg data: URL (SVG logos are rasterized before they reach a template). */
  logo?: string;
}

/** Page sizes in PDF points (1/72 inch), landscape. */
export const PAGE_SIZES = {
  A4: { width: 841.89, height: 595.28 },
  Letter: { width: 792, height: 612 },
} as const;

export type PageName = keyof typeof PAGE_SIZES;
