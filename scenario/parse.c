// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parser of the scenario language, version 1 (docs/scenario-language.md;
 * what mmsim adds, and the input limits: docs/scenario-extensions.md).  A
 * file is read whole within the limits of scenario/limits.h, split into
 * statements and checked before anything runs: unknown statements, bad
 * names, indexes out of range, uses of undefined processes, regions,
 * handles and labels, and every limit crossed are "FILE:LINE:COL:
 * message" errors.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario/internal.h"
#include "scenario/statements.h"

/* Errors reported of one file before its reading stops. */
#define SIM_PARSE_MAX_ERRORS 20

static const char *const state_names[] = {
	[SIM_STATE_PRESENT] = "present",
	[SIM_STATE_SWAPPED] = "swapped",
	[SIM_STATE_NONE] = "none",
	[SIM_STATE_ZEROPAGE] = "zeropage",
	[SIM_STATE_EXCLUSIVE] = "exclusive",
	[SIM_STATE_WRITABLE] = "writable",
	[SIM_STATE_READONLY] = "readonly",
	[SIM_STATE_KSM] = "ksm",
	[SIM_STATE_THP] = "thp",
	[SIM_STATE_PMD] = "pmd",
	[SIM_STATE_MARKER] = "marker",
	[SIM_STATE_POISONED] = "poisoned",
	[SIM_STATE_UFFD_WP] = "uffd-wp",
	[SIM_STATE_SOFT_DIRTY] = "soft-dirty",
	[SIM_STATE_SWAPCACHE] = "swapcache",
};

static const struct {
	const char *name;
	int advice;
} advices[] = {
	{ "dontneed", MADV_DONTNEED },
	{ "pageout", MADV_PAGEOUT },
	{ "cold", MADV_COLD },
	{ "dontfork", MADV_DONTFORK },
	{ "dofork", MADV_DOFORK },
	{ "wipeonfork", MADV_WIPEONFORK },
	{ "keeponfork", MADV_KEEPONFORK },
	{ "mergeable", MADV_MERGEABLE },
	{ "unmergeable", MADV_UNMERGEABLE },
	{ "hugepage", MADV_HUGEPAGE },
	{ "nohugepage", MADV_NOHUGEPAGE },
	{ "collapse", MADV_COLLAPSE },
	{ "remove", MADV_REMOVE },
};

static const struct {
	const char *name;
	int value; /* -errno, or SIM_SIGNAL_ERR(signal) */
} errnames[] = {
	{ "EPERM", -EPERM },
	{ "ENOENT", -ENOENT },
	{ "ESRCH", -ESRCH },
	{ "EIO", -EIO },
	{ "EBADF", -EBADF },
	{ "EAGAIN", -EAGAIN },
	{ "ENOMEM", -ENOMEM },
	{ "EACCES", -EACCES },
	{ "EFAULT", -EFAULT },
	{ "EBUSY", -EBUSY },
	{ "EEXIST", -EEXIST },
	{ "EINVAL", -EINVAL },
	{ "ENOSPC", -ENOSPC },
	{ "EHWPOISON", -EHWPOISON },
	{ "EOPNOTSUPP", -EOPNOTSUPP },
	/* Not for `=> ERR` in practice, but what a backend can return. */
	{ "EINTR", -EINTR },
	{ "ENXIO", -ENXIO },
	{ "E2BIG", -E2BIG },
	{ "ECHILD", -ECHILD },
	{ "ENODEV", -ENODEV },
	{ "EMFILE", -EMFILE },
	{ "ENFILE", -ENFILE },
	{ "EPIPE", -EPIPE },
	{ "ERANGE", -ERANGE },
	{ "ENOSYS", -ENOSYS },
	{ "EOVERFLOW", -EOVERFLOW },
	{ "ETIME", -ETIME },
	{ "ECANCELED", -ECANCELED },
	{ "ECONNRESET", -ECONNRESET },
	{ "ENOTCONN", -ENOTCONN },
	{ "ETIMEDOUT", -ETIMEDOUT },
	{ "SIGSEGV", SIM_SIGNAL_ERR(SIGSEGV) },
	{ "SIGBUS", SIM_SIGNAL_ERR(SIGBUS) },
	{ "SIGKILL", SIM_SIGNAL_ERR(SIGKILL) },
	/* (mmsim) A SIGBUS with its si_code. */
	{ "SIGBUS:ADRERR", SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_ADRERR) },
	{ "SIGBUS:MCEERR_AR", SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_MCEERR_AR) },
	{ "SIGBUS:MCEERR_AO", SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_MCEERR_AO) },
};

static const char *const sigbus_codes[] = {
	[BUS_ADRERR] = "ADRERR",
	[BUS_MCEERR_AR] = "MCEERR_AR",
	[BUS_MCEERR_AO] = "MCEERR_AO",
};

const char *sim_sigbus_code_name(int code)
{
	if (code <= 0 || code >= (int)ARRAY_SIZE(sigbus_codes))
		return NULL;
	return sigbus_codes[code];
}

/* The si_code named @name, or -1. */
int sim_sigbus_code_lookup(const char *name)
{
	size_t i;

	for (i = 1; i < ARRAY_SIZE(sigbus_codes); i++)
		if (sigbus_codes[i] && !strcmp(name, sigbus_codes[i]))
			return (int)i;
	return -1;
}

/*
 * The name of a statement result: "EFAULT", "SIGSEGV".  A value outside
 * the table still says what it is ("errno 200 (Unknown error 200)",
 * "signal 10 (SIGUSR1)"), never a bare "E?": a diagnostic that cannot be
 * read is no diagnostic.  The text of such a value lives in one of a few
 * static buffers, so that two names can go into one message.
 */
const char *sim_err_name(int value)
{
	static char bufs[4][64];
	static unsigned int next;
	char *buf;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (errnames[i].value == value)
			return errnames[i].name;
	if (value == SIM_UNSUPPORTED_ERR)
		return "unsupported";
	if (value == SIM_NOT_IMPLEMENTED_ERR)
		return "not implemented";
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	/* glibc knows every errno's and signal's name. */
	if (value < 0 && value > SIM_SIGNAL_ERR(0) && strerrorname_np(-value))
		return strerrorname_np(-value);
	if (value <= SIM_SIGNAL_ERR(1) &&
	    value > SIM_SIGNAL_ERR(SIGRTMAX + 1) &&
	    sigabbrev_np(SIM_SIGNAL_ERR(0) - value)) {
		buf = bufs[next++ % ARRAY_SIZE(bufs)];
		snprintf(buf, sizeof(bufs[0]), "SIG%s",
			 sigabbrev_np(SIM_SIGNAL_ERR(0) - value));
		return buf;
	}
#endif
	buf = bufs[next++ % ARRAY_SIZE(bufs)];
	if (value <= SIM_SIGNAL_ERR(1) && value > SIM_SIGNAL_ERR(SIGRTMAX + 1))
		snprintf(buf, sizeof(bufs[0]), "signal %d (%s)",
			 SIM_SIGNAL_ERR(0) - value,
			 strsignal(SIM_SIGNAL_ERR(0) - value));
	else if (value < 0)
		snprintf(buf, sizeof(bufs[0]), "errno %d (%s)", -value,
			 strerror(-value));
	else
		snprintf(buf, sizeof(bufs[0]), "result %d", value);
	return buf;
}

int sim_perr(struct sim_parser *p, int col, const char *fmt, ...)
{
	va_list ap;

	fprintf(p->err, "%s:%d:%d: ", p->path, p->line, col);
	va_start(ap, fmt);
	vfprintf(p->err, fmt, ap);
	va_end(ap);
	fputc('\n', p->err);
	return -1;
}

static bool valid_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* The name tables hold as many names as the limits allow. */
_Static_assert(SIM_LIMIT_PROCS <= SIM_MAX_NAMES &&
		       SIM_LIMIT_REGIONS <= SIM_MAX_NAMES &&
		       SIM_LIMIT_HANDLES <= SIM_MAX_NAMES &&
		       SIM_LIMIT_LABELS <= SIM_MAX_NAMES &&
		       SIM_LIMIT_POLICIES <= SIM_MAX_NAMES,
	       "a name limit exceeds SIM_MAX_NAMES");

/* Find @name in @names, or add it; -1 if @limit names are there. */
int sim_intern(char **names, int *n, int limit, const char *name)
{
	int i;

	for (i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return i;
	if (*n == limit)
		return -1;
	names[*n] = strdup(name);
	return (*n)++;
}

int sim_lookup(char **names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

int sim_parse_value(struct sim_parser *p, struct sim_token *t, uint64_t *v)
{
	const char *s = t->s;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!isxdigit((unsigned char)*s))
			return sim_perr(p, t->col, "bad value '%s'", t->s);
	} else if (!isdigit((unsigned char)*s)) {
		return sim_perr(p, t->col, "bad value '%s'", t->s);
	}
	errno = 0;
	*v = strtoull(s, &end, base);
	if (*end || errno)
		return sim_perr(p, t->col, "bad value '%s'", t->s);
	return 0;
}

int sim_name_arg(struct sim_parser *p, struct sim_token *t, const char *what)
{
	if (strlen(t->s) > SIM_LIMIT_NAME_BYTES)
		return sim_perr(p, t->col, "%s name too long (limit %d bytes)",
				what, SIM_LIMIT_NAME_BYTES);
	if (!valid_name(t->s))
		return sim_perr(p, t->col, "bad %s name '%s'", what, t->s);
	return 0;
}

int sim_proc_arg(struct sim_parser *p, struct sim_token *t)
{
	struct sim_scenario *sc = p->sc;
	int i;

	if (sim_name_arg(p, t, "process"))
		return -1;
	i = sim_lookup(sc->procs, sc->nprocs, t->s);
	if (i < 0 || !p->proc_defined[i])
		return sim_perr(p, t->col, "undefined process '%s'", t->s);
	return i;
}

/* REGION, REGION[I] or REGION[I..J] of process @proc. */
int sim_page_arg(struct sim_parser *p, struct sim_token *t, int proc,
		 struct sim_pref *ref, bool single)
{
	struct sim_scenario *sc = p->sc;
	char name[SIM_LIMIT_NAME_BYTES + 1], *br = strchr(t->s, '['), *end;
	unsigned long size, first, last;
	size_t len = br ? (size_t)(br - t->s) : strlen(t->s);
	int region;

	memset(ref, 0, sizeof(*ref));
	if (len >= sizeof(name))
		return sim_perr(p, t->col,
				"region name too long (limit %d bytes)",
				SIM_LIMIT_NAME_BYTES);
	memcpy(name, t->s, len);
	name[len] = 0;
	if (!valid_name(name))
		return sim_perr(p, t->col, "bad region name '%s'", name);
	region = sim_lookup(sc->regions, sc->nregions, name);
	if (region < 0 || !p->regsize[proc][region])
		return sim_perr(p, t->col,
				"undefined region '%s' in process '%s'", name,
				sc->procs[proc]);
	ref->region = (uint8_t)region;
	size = p->regsize[proc][region];
	if (!br) {
		if (single)
			return sim_perr(p, t->col, "expected a page: %s[INDEX]",
					name);
		ref->first = 0;
		ref->last = (uint32_t)(size - 1);
		return 0;
	}
	if (!isdigit((unsigned char)br[1]))
		return sim_perr(p, t->col + (int)len + 1, "bad index in '%s'",
				t->s);
	first = last = strtoul(br + 1, &end, 10);
	if (end[0] == '.' && end[1] == '.') {
		if (single)
			return sim_perr(p, t->col,
					"expected one page, not a range");
		if (!isdigit((unsigned char)end[2]))
			return sim_perr(p, t->col, "bad range in '%s'", t->s);
		last = strtoul(end + 2, &end, 10);
	}
	if (end[0] != ']' || end[1])
		return sim_perr(p, t->col, "bad page '%s'", t->s);
	if (first > last)
		return sim_perr(p, t->col, "empty range in '%s'", t->s);
	if (last >= size)
		return sim_perr(
			p, t->col,
			"index %lu out of range: region '%s' has %lu pages",
			last, name, size);
	/* Below size, which fits 32 bits (SIM_LIMIT_MMAP_PAGES). */
	ref->first = (uint32_t)first;
	ref->last = (uint32_t)last;
	return 0;
}

int sim_want(struct sim_parser *p, int n, const char *usage)
{
	if (p->ntok == n)
		return 0;
	return sim_perr(p, p->ntok > n ? p->tok[n].col : p->tok[0].col,
			p->ntok > n ? "unexpected '%s'; usage: %s" :
				      "missing argument; usage: %s%s",
			p->ntok > n ? p->tok[n].s : "", usage);
}

int sim_parse_refs(struct sim_parser *p, struct sim_stmt *st, int from, int to,
		   bool single)
{
	int i;

	if (to <= from)
		return sim_perr(p, p->tok[0].col, "missing region");
	if (to - from > SIM_LIMIT_REFS)
		return sim_perr(p, p->tok[from + SIM_LIMIT_REFS].col,
				"too many ranges in one statement (limit %d)",
				SIM_LIMIT_REFS);
	for (i = from; i < to; i++)
		if (sim_page_arg(p, &p->tok[i], st->proc, &p->refs[st->nrefs++],
				 single))
			return -1;
	return 0;
}

int sim_handle_arg(struct sim_parser *p, struct sim_token *t)
{
	struct sim_scenario *sc = p->sc;
	int i = sim_lookup(sc->handles, sc->nhandles, t->s);

	if (i < 0 || !p->handle_defined[i])
		return sim_perr(p, t->col, "undefined handle '%s'", t->s);
	return i;
}

/* Strip a trailing "=> ERR". */
static int parse_errspec(struct sim_parser *p, struct sim_stmt *st)
{
	size_t i;

	if (p->ntok < 2 || strcmp(p->tok[p->ntok - 2].s, "=>"))
		return 0;
	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (!strcmp(errnames[i].name, p->tok[p->ntok - 1].s))
			break;
	if (i == ARRAY_SIZE(errnames))
		return sim_perr(p, p->tok[p->ntok - 1].col,
				"unknown error '%s'", p->tok[p->ntok - 1].s);
	st->expect_err = (int16_t)errnames[i].value;
	st->has_expect_err = true;
	p->ntok -= 2;
	return 0;
}

int sim_state_lookup(const char *name)
{
	int i;

	for (i = 0; i < SIM_NR_STATES; i++)
		if (!strcmp(name, state_names[i]))
			return i;
	return -1;
}

/* The advice named @name (its name in *@canonical), or -1. */
int sim_advice_lookup(const char *name, const char **canonical)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(advices); i++)
		if (!strcmp(name, advices[i].name)) {
			*canonical = advices[i].name;
			return advices[i].advice;
		}
	return -1;
}

/* The file requires @cap (once, after those it required before). */
void sim_require(struct sim_scenario *sc, enum sim_cap cap)
{
	int i;

	for (i = 0; i < sc->nrequires; i++)
		if (sc->requires[i] == cap)
			return;
	sc->requires[sc->nrequires++] = cap;
}

/*
 * One statement, by its row of the statement table: the header rule
 * (no header after the first operation) and "=> ERR" are the same for
 * every row; the row parses its own arguments.
 */
static int parse_statement(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	int i = sim_stmt_find(t[0].s);
	const struct sim_stmt_def *d;

	if (i < 0)
		return sim_perr(p, t[0].col, "unknown statement '%s'", t[0].s);
	st->def = (uint8_t)i;
	d = p->def = sim_stmt_def(st->def);
	if (d->cls == SIM_STMT_HEADER) {
		if (p->seen_op)
			return sim_perr(p, t[0].col,
					"header statement after the "
					"first operation");
	} else {
		p->seen_op = true;
		if (parse_errspec(p, st))
			return -1;
	}
	if (d->parse(p, st))
		return -1;
	if (d->cap != SIM_CAP_NONE)
		sim_require(p->sc, d->cap);
	return 0;
}

/* Split @line into p->tok; -1 after an error (too many tokens). */
static int tokenize(struct sim_parser *p, char *line)
{
	char *s = line;

	p->ntok = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			break;
		if (p->ntok == SIM_LIMIT_TOKENS)
			return sim_perr(p, (int)(s - line) + 1,
					"too many tokens on a line (limit %d)",
					SIM_LIMIT_TOKENS);
		p->tok[p->ntok].s = s;
		p->tok[p->ntok].col = (int)(s - line) + 1;
		p->ntok++;
		while (*s && *s != ' ' && *s != '\t' && *s != '#')
			s++;
		if (*s == '#') {
			*s = 0;
			break;
		}
		if (*s)
			*s++ = 0;
	}
	return 0;
}

/*
 * The statement's text in the line @s of @len bytes: without the blanks
 * around it and the comment after it.  Its offset in @s is returned, its
 * end in *@endp.
 */
static size_t trimmed(const char *s, size_t len, size_t *endp)
{
	const char *hash = memchr(s, '#', len);
	size_t from = 0, end = hash ? (size_t)(hash - s) : len;

	while (from < end && (s[from] == ' ' || s[from] == '\t'))
		from++;
	while (end > from && isspace((unsigned char)s[end - 1]))
		end--;
	*endp = end;
	return from;
}

/*
 * Length of the UTF-8 sequence at @s, of at most @n bytes, or 0 if it is
 * not valid UTF-8 (overlong, a surrogate, above U+10FFFF, cut short).  It
 * stops at the first byte that is not a continuation byte, so @n may run
 * past the terminating NUL of a string.
 */
size_t sim_utf8_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
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

/*
 * A line is UTF-8 text: no NUL (it would end the line early), no control
 * character but the tab, and a carriage return only as part of a "\r\n"
 * line end (stripped by the caller).
 */
static int check_text(struct sim_parser *p, const char *s, size_t len)
{
	size_t i, n;

	for (i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)s[i];
		int col = (int)i + 1;

		n = 1;
		if (!c)
			return sim_perr(p, col, "NUL byte");
		if (c == '\r')
			return sim_perr(p, col,
					"carriage return inside a line (only a "
					"\"\\r\\n\" line end is allowed)");
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return sim_perr(p, col, "control character 0x%02x", c);
		if (c >= 0x80) {
			n = sim_utf8_len(s + i, len - i);
			if (!n)
				return sim_perr(
					p, col,
					"invalid UTF-8 (a scenario file "
					"is UTF-8)");
		}
	}
	return 0;
}

/*
 * The refs of the statement just parsed: the first in the statement, the
 * others at the end of sc->refs.
 */
static void keep_refs(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	uint32_t n = st->nrefs ? st->nrefs - 1U : 0;

	if (st->nrefs)
		st->ref = p->refs[0];
	if (!n)
		return;
	if (sc->nrefs + n > sc->refs_cap) {
		sc->refs_cap = sc->refs_cap ? 2 * sc->refs_cap : 64;
		if (sc->refs_cap < sc->nrefs + n)
			sc->refs_cap = sc->nrefs + n;
		sc->refs = realloc(sc->refs, sc->refs_cap * sizeof(*sc->refs));
		if (!sc->refs)
			abort();
	}
	st->more = sc->nrefs;
	memcpy(&sc->refs[sc->nrefs], &p->refs[1], n * sizeof(*sc->refs));
	sc->nrefs += n;
}

/*
 * Parse the line at @s, of @len bytes (no '\n'), in p->sc->buf: 0, or -1
 * after an error.  The statement's text is ended by a NUL in place.
 */
static int parse_line(struct sim_parser *p, char *s, size_t len)
{
	struct sim_scenario *sc = p->sc;
	char line[SIM_LIMIT_LINE_BYTES + 1];
	struct sim_stmt *st;
	size_t from, to;
	int ret;

	/* CRLF line ends: the CR is not part of the line. */
	if (len && s[len - 1] == '\r')
		len--;
	if (len > SIM_LIMIT_LINE_BYTES)
		return sim_perr(p, SIM_LIMIT_LINE_BYTES + 1,
				"line too long (limit %d bytes)",
				SIM_LIMIT_LINE_BYTES);
	if (check_text(p, s, len))
		return -1;
	memcpy(line, s, len);
	line[len] = 0;
	if (tokenize(p, line))
		return -1;
	if (!p->ntok)
		return 0;
	if (sc->nstmts == SIM_LIMIT_STATEMENTS)
		return sim_perr(p, p->tok[0].col,
				"too many statements (limit %d)",
				SIM_LIMIT_STATEMENTS);
	if (sc->nstmts == sc->stmts_cap) {
		sc->stmts_cap = sc->stmts_cap ? 2 * sc->stmts_cap : 32;
		sc->stmts =
			realloc(sc->stmts, sc->stmts_cap * sizeof(*sc->stmts));
		if (!sc->stmts)
			abort();
	}
	st = &sc->stmts[sc->nstmts++];
	memset(st, 0, sizeof(*st));
	st->line = p->line;
	/* The NUL may be the byte after the file's: sc->buf has room. */
	from = trimmed(s, len, &to);
	s[to] = 0;
	st->text = (uint32_t)(s + from - sc->buf);
	p->st = st;
	ret = parse_statement(p, st);
	keep_refs(p, st);
	return ret;
}

/*
 * Parse the @len bytes at @buf, which the scenario then owns (and frees):
 * @buf has room for one byte more.
 */
static struct sim_scenario *load_owned(const char *name, char *buf, size_t len,
				       FILE *err)
{
	struct sim_parser *p = calloc(1, sizeof(*p));
	struct sim_scenario *sc = calloc(1, sizeof(*sc));
	char *s = buf, *end = buf + len;
	int ret = 0, nerr = 0;

	if (!p || !sc)
		abort();
	sc->buf = buf;
	sc->path = strdup(name);
	p->sc = sc;
	p->path = name;
	p->err = err;
	sc->procs[sc->nprocs++] = strdup("p0");
	p->proc_defined[0] = true;

	if (len > SIM_LIMIT_FILE_BYTES) {
		ret = sim_perr(p, 0, "file too large (limit %lu bytes)",
			       SIM_LIMIT_FILE_BYTES);
		s = end;
	}
	/* A UTF-8 byte order mark, as some editors write, is not text. */
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	/*
	 * A line in error does not stop the others from being read: each
	 * error is reported, up to SIM_PARSE_MAX_ERRORS, so that a file's
	 * mistakes are fixed in one round.  (Later lines may report what
	 * follows from an earlier one: a region its mmap failed to make.)
	 */
	while (s < end && nerr < SIM_PARSE_MAX_ERRORS) {
		char *nl = memchr(s, '\n', (size_t)(end - s));

		p->line++;
		if (parse_line(p, s, (size_t)((nl ? nl : end) - s))) {
			ret = -1;
			nerr++;
		}
		s = nl ? nl + 1 : end;
	}
	if (nerr == SIM_PARSE_MAX_ERRORS && s < end)
		fprintf(err, "%s: too many errors, the rest not read\n", name);
	free(p);
	if (ret) {
		sim_scenario_free(sc);
		return NULL;
	}
	return sc;
}

struct sim_scenario *sim_scenario_load_mem(const char *name, const char *buf,
					   size_t len, FILE *err)
{
	char *copy;

	/* Too large: nothing is copied. */
	if (len > SIM_LIMIT_FILE_BYTES) {
		fprintf(err, "%s:0:0: file too large (limit %lu bytes)\n", name,
			SIM_LIMIT_FILE_BYTES);
		return NULL;
	}
	copy = malloc(len + 1);
	if (!copy)
		abort();
	memcpy(copy, buf, len);
	return load_owned(name, copy, len, err);
}

/*
 * Read all of @fd, at most one byte more than the file size limit (so
 * that a larger input is seen to be too large, and /dev/zero-like inputs
 * cannot grow memory), into a buffer with room for one byte more: the
 * NUL after the last statement.  Returns 0 or -errno.
 */
static int read_limited(int fd, char **bufp, size_t *lenp)
{
	size_t len = 0, cap = 0, max = SIM_LIMIT_FILE_BYTES + 1;
	char *buf = NULL;
	ssize_t n;

	*bufp = NULL;
	*lenp = 0;
	while (len < max) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if (cap > max)
				cap = max;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int ret = -errno;

			free(buf);
			return ret;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	buf = realloc(buf, len + 1);
	if (!buf)
		abort();
	*bufp = buf;
	*lenp = len;
	return 0;
}

static const char *file_type(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return "a directory";
	case S_IFIFO:
		return "a FIFO";
	case S_IFCHR:
		return "a character device";
	case S_IFBLK:
		return "a block device";
	case S_IFSOCK:
		return "a socket";
	default:
		return "not a regular file";
	}
}

struct sim_scenario *sim_scenario_load(const char *path, FILE *err)
{
	struct stat sb;
	size_t len;
	char *buf;
	int fd, ret;

	/* "-": standard input, a pipe too, read within the same limits. */
	if (!strcmp(path, "-")) {
		ret = read_limited(STDIN_FILENO, &buf, &len);
		if (ret) {
			fprintf(err, "<stdin>:0:0: cannot read: %s\n",
				strerror(-ret));
			return NULL;
		}
		return load_owned("<stdin>", buf, len, err);
	}
	/*
	 * O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
	 * refuses everything but a regular file before a byte is read.
	 */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(err, "%s:0:0: cannot open: %s\n", path,
			strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb)) {
		fprintf(err, "%s:0:0: cannot stat: %s\n", path,
			strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		fprintf(err, "%s:0:0: %s, not a scenario file\n", path,
			file_type(sb.st_mode));
		close(fd);
		return NULL;
	}
	if ((unsigned long long)sb.st_size > SIM_LIMIT_FILE_BYTES) {
		fprintf(err, "%s:0:0: file too large (limit %lu bytes)\n", path,
			SIM_LIMIT_FILE_BYTES);
		close(fd);
		return NULL;
	}
	ret = read_limited(fd, &buf, &len);
	close(fd);
	if (ret) {
		fprintf(err, "%s:0:0: cannot read: %s\n", path, strerror(-ret));
		return NULL;
	}
	return load_owned(path, buf, len, err);
}

bool sim_scenario_broken_under(const struct sim_scenario *sc,
			       const char *policy)
{
	int i;

	for (i = 0; i < sc->nbroken; i++)
		if (!strcmp(sc->broken_under[i], policy))
			return true;
	return false;
}

bool sim_scenario_counts_copies(const struct sim_scenario *sc)
{
	return sc->count_copies;
}

const char *sim_scenario_policy(const struct sim_scenario *sc)
{
	return sc->policy;
}

const char *sim_scenario_title(const struct sim_scenario *sc)
{
	return sc->title ? sc->title : "";
}

bool sim_scenario_uses(const struct sim_scenario *sc, const char *name)
{
	int def = sim_stmt_find(name), i;

	for (i = 0; def >= 0 && i < sc->nstmts; i++)
		if (sc->stmts[i].def == def)
			return true;
	return false;
}

void sim_scenario_free(struct sim_scenario *sc)
{
	int i;

	if (!sc)
		return;
	for (i = 0; i < sc->nprocs; i++)
		free(sc->procs[i]);
	for (i = 0; i < sc->nregions; i++)
		free(sc->regions[i]);
	for (i = 0; i < sc->nhandles; i++)
		free(sc->handles[i]);
	for (i = 0; i < sc->nlabels; i++)
		free(sc->labels[i]);
	for (i = 0; i < sc->nbroken; i++)
		free(sc->broken_under[i]);
	free(sc->stmts);
	free(sc->refs);
	free(sc->buf);
	free(sc->title);
	free(sc->todo);
	free(sc->policy);
	free(sc->path);
	free(sc);
}
