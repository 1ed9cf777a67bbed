#include "suites.h"

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	SRunner *sr = srunner_create(suite_encoding());
	int failed, total;

	srunner_add_suite(sr, suite_json());
	srunner_add_suite(sr, suite_audit());
	srunner_add_suite(sr, suite_session());
	srunner_add_suite(sr, suite_ledger());
	srunner_add_suite(sr, suite_scrub());
	srunner_add_suite(sr, suite_attest());
	srunner_add_suite(sr, suite_sandbox());
	srunner_add_suite(sr, suite_profile());
	srunner_add_suite(sr, suite_manifest());
	srunner_add_suite(sr, suite_http());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	total = srunner_ntests_run(sr);
	srunner_free(sr);
	/* A filter that matches nothing runs zero tests: treat as failure. */
	if (total == 0) {
		fprintf(stderr, "unit: no tests ran\n");
		return EXIT_FAILURE;
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
