/**
 * Why a grant exists, who asked and who approved: program-side inputs of FluxarkAcl and of each
 * UserGroup grant. FluxArk's rules and grants have no comment field, so these are never sent to
 * FluxArk and never read back: they live in the stack's state, where the policy pack, the preview
 * and reviewers see them. A change of them touches nothing in FluxArk.
 */
import { z } from "zod";
import type { FieldSpec } from "../core/diff";
import { nameSchema, textSchema } from "../core/validators";

const DOCS = {
    reason: "Why the access is given.",
    requestedBy: "Who asked for the access.",
    approvedBy: "Who approved the access.",
    breakGlass: "Emergency access granted outside the usual review (the policy pack wants an approvedBy).",
};

const programSide = (doc: string) =>
    `${doc} Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there.`;

// Described in the schema too, for a UserGroup grant's fields (the generated types and descriptions read it).
export const accessMetadataSchema = z.object({
    reason: textSchema().optional().describe(programSide(DOCS.reason)),
    requestedBy: nameSchema.optional().describe(programSide(DOCS.requestedBy)),
    approvedBy: nameSchema.optional().describe(programSide(DOCS.approvedBy)),
    breakGlass: z.boolean({ error: "must be true or false" }).optional().describe(programSide(DOCS.breakGlass)),
});

export type AccessMetadata = z.output<typeof accessMetadataSchema>;
export const ACCESS_METADATA_KEYS = Object.keys(accessMetadataSchema.shape) as (keyof AccessMetadata)[];

const programSideField = (doc: string): FieldSpec => ({ behaviour: "update", readBack: "no", doc: programSide(doc) });

export const accessMetadataFields: Record<keyof AccessMetadata, FieldSpec> = {
    reason: programSideField(DOCS.reason),
    requestedBy: programSideField(DOCS.requestedBy),
    approvedBy: programSideField(DOCS.approvedBy),
    breakGlass: programSideField(DOCS.breakGlass),
};
