/**
 * What the generated public types (provider/<api>/resources.generated.ts, `npm run generate`) are
 * checked against at compile time: a resource's Args must be its schema's input with each value a
 * `pulumi.Input`, and its class's outputs the state its definition makes (the schema's output and
 * the API's outputs). A hand edit of a generated file that breaks either fails `tsc`, and the error
 * names the property.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { OutputSpec, OutputValues } from "./define";

interface Declared {
    schema: z.ZodType;
    outputs: Readonly<Record<string, OutputSpec>>;
}

/** A resource's state as its definition makes it: the inputs as checked, and what the API makes. */
export type StateOf<D extends Declared> = z.output<D["schema"]> & OutputValues<D["outputs"]>;

type OptionalKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? K : never }[keyof T];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Name<K> = K & string;

type Missing<Have, Want, What extends string> =
    | { [K in Exclude<keyof Have, keyof Want>]: `${Name<K>}: in the ${What}, but not in the declaration` }[Exclude<keyof Have, keyof Want>]
    | { [K in Exclude<keyof Want, keyof Have>]: `${Name<K>}: in the declaration, missing from the ${What}` }[Exclude<
          keyof Want,
          keyof Have
      >];

/** How Args differ from the schema's input, each as a sentence naming the property; never when they agree. */
type ArgsMismatches<Args, Input> =
    | Missing<Args, Input, "Args">
    | {
          [K in keyof Args & keyof Input]: Same<
              K extends OptionalKeys<Args> ? true : false,
              K extends OptionalKeys<Input> ? true : false
          > extends false
              ? `${Name<K>}: optional in one of the Args and the declaration, required in the other`
              : Same<pulumi.Unwrap<Exclude<Args[K], undefined>>, Exclude<Input[K], undefined>> extends false
                ? `${Name<K>}: its type in the Args differs from the declaration`
                : never;
      }[keyof Args & keyof Input];

/** How a class's outputs differ from the state (an optional value's Output may be undefined); never when they agree. */
type ClassMismatches<Outputs, State> =
    | Missing<Outputs, State, "class">
    | {
          [K in keyof Outputs & keyof State]: Same<pulumi.Unwrap<Outputs[K]>, State[K]> extends false
              ? `${Name<K>}: its Output in the class differs from the declaration`
              : never;
      }[keyof Outputs & keyof State];

type AllAgree<M> = [M] extends [never] ? true : M;

/** `true` when Args is the schema's input (`z.input`) with each value a `pulumi.Input`; otherwise what differs. */
export type ArgsAgree<Args, D extends Declared> = AllAgree<ArgsMismatches<Args, z.input<D["schema"]>>>;

/** `true` when the class has an Output of each value of the state; otherwise what differs (the class's own members, urn and id, are not compared). */
export type ClassAgrees<Class, D extends Declared> = AllAgree<ClassMismatches<Pick<Class, keyof StateOf<D> & keyof Class>, StateOf<D>>>;

/** Fails to compile, quoting `T`, unless `T` is `true`: `type _ = Agreed<ArgsAgree<XArgs, typeof x>>`. */
export type Agreed<T extends true> = T;
