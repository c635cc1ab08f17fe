/**
 * Why a grant exists, who asked and who approved: program-side inputs of FluxarkAcl and of each
 * UserGroup grant. FluxArk's rules and grants have no comment field, so these are never sent to
 * FluxArk and never read back: they live in the stack's state, where the policy pack, the preview
 * and reviewers see them. A change of them touches nothing in FluxArk.
 */
import { z } from "zod";
import type { FieldSpec } from "../core/diff";
import { nameSchema, textSchema } from "../core/validators";

export const accessMetadataSchema = z.object({
    reason: textSchema().optional(),
    requestedBy: nameSchema.optional(),
    approvedBy: nameSchema.optional(),
    breakGlass: z.boolean({ error: "must be true or false" }).optional(),
});

export type AccessMetadata = z.output<typeof accessMetadataSchema>;
export const ACCESS_METADATA_KEYS = Object.keys(accessMetadataSchema.shape) as (keyof AccessMetadata)[];

const programSide = (doc: string): FieldSpec => ({ behaviour: "update", readBack: "no", doc: `${doc} Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there.` });

export const accessMetadataFields: Record<keyof AccessMetadata, FieldSpec> = {
    reason: programSide("Why the access is given."),
    requestedBy: programSide("Who asked for the access."),
    approvedBy: programSide("Who approved the access."),
    breakGlass: programSide("Emergency access granted outside the usual review (the policy pack wants an approvedBy)."),
};
