// FluxArk SSH access as code: servers, remote SSH users, portal users, ACL rules and user groups.
package fluxark
