module pulumi-tuxcare-fluxark/scripts/go-module-proxy

go 1.25.11

require golang.org/x/mod v0.36.0
