/**
 * The TuxCare products' names, for people reading a report, as the portal API document writes them
 * (its product-code lists); a code the document does not list shows as itself.
 */

export const KCARE_PRODUCT = "KCARE";

const KEY_PRODUCTS: Record<string, string> = {
    CELS: "CentOS ELS",
    OELS: "Oracle ELS",
    UELS16: "Ubuntu 16 ELS",
    CELS_8: "CentOS 8 ELS",
    UELS18: "Ubuntu 18 ELS",
    PHP_ELS: "PHP ELS",
    // The document's list writes "PYTHON ELS", a shout beside its "PHP ELS": the vendor's name is Python.
    PYTHON_ELS: "Python ELS",
    // The document lists it as "Extended Security Updates" under AlmaLinux products; "AlmaLinux ESU", as the
    // portal and this project say it, keeps a chart label whole.
    ESU: "AlmaLinux ESU",
    [KCARE_PRODUCT]: "KernelCare",
};

const IP_LICENSE_TYPES: Record<number, string> = {
    1: "CloudLinux OS",
    4: "CloudLinux Solo",
    5: "CloudLinux Admin",
    1002: "CloudLinux OS Shared Pro",
    16: "KernelCare Enterprise",
    17: "KernelCare Enterprise Plus",
    40: "ImunifyAV+",
    41: "Imunify360 single user",
    42: "Imunify360 up to 30 users",
    43: "Imunify360 up to 250 users",
    49: "Imunify360 unlimited",
};

/** CloudLinux (CLN) license types: `registered` means something only for these. */
export const CLN_LICENSE_TYPES: ReadonlySet<number> = new Set([1, 4, 5, 1002]);

export const keyProductName = (code: string): string => KEY_PRODUCTS[code] ?? code;
export const ipLicenseTypeName = (type: number): string => IP_LICENSE_TYPES[type] ?? `type ${type}`;
