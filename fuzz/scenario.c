// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: any bytes through the scenario parser, and what parses
 * through the runner on the model backend, once as JSON (which must stay
 * valid UTF-8 without raw control characters) and once as TAP with the
 * trace on, under a policy picked by the input's length (so that every
 * design is fuzzed, not only the file's).  Only the model runs: nothing here touches the real machine,
 * and the output goes to memory or /dev/null.
 *
 *   make fuzz [FUZZ_SECONDS=N]
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness/policy.h"
#include "scenario/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* /dev/null, opened once for the whole fuzzing process. */
static FILE *sink(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}

/*
 * Length of the UTF-8 sequence at @s (at most @n bytes), 0 if invalid.
 * Written again on purpose, not scenario/parse.c's sim_utf8_len(): the
 * oracle that checks the output must not share the code it checks.
 */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return len;
}

/* JSON output: UTF-8, and no control character but the line ends. */
static void check_json(const char *out, size_t len)
{
	const unsigned char *s = (const unsigned char *)out;
	size_t i = 0, n;

	while (i < len) {
		if (s[i] < 0x20 && s[i] != '\n')
			abort();
		n = utf8_len(s + i, len - i);
		if (!n)
			abort();
		i += n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_run_opts o = {
		.backend = SIM_BACKEND_MODEL,
		.format = SIM_FORMAT_JSON,
		.err = sink(),
	};
	const struct sim_policy *const *pol = sim_policies();
	struct sim_scenario *sc;
	char *out = NULL;
	size_t len = 0, npol = 0;

	sc = sim_scenario_load_mem("fuzz.mms", (const char *)data, size,
				   sink());
	if (!sc)
		return 0;
	o.out = open_memstream(&out, &len);
	if (!o.out)
		abort();
	sim_scenario_run(sc, &o);
	fclose(o.out);
	check_json(out, len);
	free(out);

	while (pol[npol])
		npol++;
	o.policy = pol[size % npol]->name;
	o.format = SIM_FORMAT_TAP;
	o.trace = true;
	o.out = sink();
	sim_scenario_run(sc, &o);
	sim_scenario_free(sc);
	return 0;
}
