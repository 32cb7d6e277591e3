// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests sim_err_name (scenario/parse.c): every result a backend can return
 * prints with a name a reader can act on, never a bare "E?".
 */
#include "tests/unit/helpers.h"

#include <errno.h>
#include <signal.h>

#include "scenario/internal.h"

static void known_errnos_by_name(void **state)
{
	(void)state;
	assert_string_equal(sim_err_name(-EFAULT), "EFAULT");
	assert_string_equal(sim_err_name(-ESRCH), "ESRCH");
	/* The kernel backend's time limit. */
	assert_string_equal(sim_err_name(-ETIMEDOUT), "ETIMEDOUT");
	assert_string_equal(sim_err_name(-ETIME), "ETIME");
	assert_string_equal(sim_err_name(-ENXIO), "ENXIO");
}

static void signals_by_name(void **state)
{
	(void)state;
	assert_string_equal(sim_err_name(SIM_SIGNAL_ERR(SIGSEGV)), "SIGSEGV");
	/* Outside the table: still its name (or its number). */
	assert_non_null(strstr(sim_err_name(SIM_SIGNAL_ERR(SIGUSR1)), "USR1"));
}

/* A SIGBUS with its si_code, and what `=> SIGBUS` matches. */
static void sigbus_codes_by_name_and_match(void **state)
{
	int ar = SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_MCEERR_AR);
	int ao = SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_MCEERR_AO);

	(void)state;
	assert_string_equal(sim_err_name(ar), "SIGBUS:MCEERR_AR");
	assert_string_equal(sim_err_name(ao), "SIGBUS:MCEERR_AO");
	assert_string_equal(
		sim_err_name(SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_ADRERR)),
		"SIGBUS:ADRERR");
	assert_int_equal(sim_err_signal(ar), SIGBUS);
	assert_int_equal(sim_err_sigcode(ar), BUS_MCEERR_AR);
	assert_int_equal(sim_err_signal(SIM_SIGNAL_ERR(SIGBUS)), SIGBUS);
	assert_int_equal(sim_err_sigcode(SIM_SIGNAL_ERR(SIGBUS)), 0);
	assert_int_equal(sim_err_signal(-EFAULT), 0);
	assert_int_equal(sim_err_signal(SIM_UNSUPPORTED_ERR), 0);
	/* => SIGBUS holds for every SIGBUS; a code only for that code. */
	assert_true(sim_err_matches(SIM_SIGNAL_ERR(SIGBUS), ar));
	assert_true(sim_err_matches(ar, ar));
	assert_false(sim_err_matches(ar, ao));
	assert_false(sim_err_matches(ar, SIM_SIGNAL_ERR(SIGBUS)));
	assert_false(sim_err_matches(SIM_SIGNAL_ERR(SIGSEGV), ar));
	assert_false(sim_err_matches(-EFAULT, ar));
}

static void any_other_value_says_what_it_is(void **state)
{
	char a[64], b[64];

	(void)state;
	/* ENOBUFS is in no table of mmsim's: glibc's name or the number. */
	snprintf(a, sizeof(a), "%s", sim_err_name(-ENOBUFS));
	assert_true(!strcmp(a, "ENOBUFS") || strstr(a, "errno"));
	snprintf(b, sizeof(b), "%s", sim_err_name(-900));
	assert_non_null(strstr(b, "900"));
	assert_string_equal(sim_err_name(SIM_UNSUPPORTED_ERR), "unsupported");
	/* Two names in one message are two different strings. */
	assert_string_not_equal(sim_err_name(-900), sim_err_name(-901));
	assert_null(strstr(sim_err_name(-ENOBUFS), "E?"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_errnos_by_name),
		cmocka_unit_test(signals_by_name),
		cmocka_unit_test(sigbus_codes_by_name_and_match),
		cmocka_unit_test(any_other_value_says_what_it_is),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
