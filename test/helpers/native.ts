import * as pulumi from "@pulumi/pulumi";

/** A resource of a native package by its type token: the plugin (bin/, on PATH under with-pulumi.sh) serves it. */
export class Native extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(type, name, props, opts);
    }
}
