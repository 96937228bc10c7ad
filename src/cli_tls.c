/*
 * cli_tls — start-up cost.  Debian's libgit2 1.5 is built with mbedTLS and
 * parses the whole CA bundle (/etc/ssl/certs/ca-certificates.crt, ~150
 * certificates) inside git_libgit2_init(): about 15 ms of CPU in every
 * process, two thirds of a `redline add`.  redline only opens local
 * repositories and never a network transport, so the redline program
 * (not libredline.a) interposes the one mbedTLS function that loads the
 * bundle and makes it load nothing.  With a libgit2 built against OpenSSL
 * or without HTTPS this symbol is simply never called.
 */
#include "cli.h"

int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}
