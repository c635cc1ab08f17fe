// TuxCare portal licenses as code: ELS and AlmaLinux ESU keys, IP licenses, KernelCare keys and server groups.
package tuxcare
