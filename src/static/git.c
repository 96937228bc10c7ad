/*
 * static/git — what the redline program needs when it links libgit2 and
 * its libraries statically (see STATIC_GIT in the Makefile); not part of
 * libredline, and not linked otherwise.
 *
 * Debian's libgit2.a calls GSSAPI for HTTP "Negotiate" authentication,
 * which has no static archive.  redline only opens local repositories and
 * never a network transport, so these stand-ins, which fail, are never
 * called; linking them spares every process the dynamic loader's work on
 * the seven Kerberos libraries.
 *
 * cli_tls.c's replacement for mbedTLS's CA bundle loader cannot interpose
 * on a symbol of a static archive: the link wraps it instead
 * (-Wl,--wrap=mbedtls_x509_crt_parse_file) and cli_tls.o is left out.
 * The same way, git_libgit2_init() no longer sets up the two network
 * libraries (mbedTLS's random generator and TLS configuration, libssh2 and
 * with it OpenSSL's libcrypto): 2.4 M of an add's 23.6 M instructions.  A
 * transport that needed them would fail to open, and redline opens none.
 */
#include <stddef.h>

typedef unsigned int rl_gss_status;

/* GSS_S_FAILURE: the routine failed, nothing returned */
#define FAILED 0xd0000u

void *GSS_C_NT_HOSTBASED_SERVICE;

#define STAND_IN(name)                                                                       \
	rl_gss_status name(void);                                                           \
	rl_gss_status name(void)                                                            \
	{                                                                                  \
		return FAILED;                                                                 \
	}

STAND_IN(gss_delete_sec_context)
STAND_IN(gss_display_status)
STAND_IN(gss_import_name)
STAND_IN(gss_indicate_mechs)
STAND_IN(gss_init_sec_context)
STAND_IN(gss_release_buffer)
STAND_IN(gss_release_name)
STAND_IN(gss_release_oid_set)

int __wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path);

int __wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int __wrap_git_mbedtls_stream_global_init(void);
int __wrap_git_transport_ssh_global_init(void);

int __wrap_git_mbedtls_stream_global_init(void)
{
	return 0;
}

int __wrap_git_transport_ssh_global_init(void)
{
	return 0;
}
