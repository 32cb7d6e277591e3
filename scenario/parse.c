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

struct token {
	char *s;
	int col;
};

struct parser {
	struct sim_scenario *sc;
	const char *path;
	FILE *err;
	int line;
	struct token tok[SIM_LIMIT_TOKENS];
	int ntok;
	bool seen_op;
	/* Static knowledge: which process has which region, of what size. */
	bool proc_defined[SIM_MAX_NAMES];
	unsigned long regsize[SIM_MAX_NAMES][SIM_MAX_NAMES];
	bool handle_defined[SIM_MAX_NAMES];
	bool label_defined[SIM_MAX_NAMES];
	/* The refs of the statement being parsed, copied to size after. */
	struct sim_pref refs[SIM_MAX_REFS];
	/* Pages of the mmap statements so far (SIM_LIMIT_TOTAL_PAGES). */
	unsigned long total_pages;
};

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
	[SIM_STATE_MARKER] = "marker",
	[SIM_STATE_POISONED] = "poisoned",
};

const char *sim_state_name(int state)
{
	return state_names[state];
}

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
};

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

static int __attribute__((format(printf, 3, 4)))
perr(struct parser *p, int col, const char *fmt, ...)
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
static int intern(char **names, int *n, int limit, const char *name)
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

static int lookup(char **names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

static int parse_value(struct parser *p, struct token *t, uint64_t *v)
{
	const char *s = t->s;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!isxdigit((unsigned char)*s))
			return perr(p, t->col, "bad value '%s'", t->s);
	} else if (!isdigit((unsigned char)*s)) {
		return perr(p, t->col, "bad value '%s'", t->s);
	}
	errno = 0;
	*v = strtoull(s, &end, base);
	if (*end || errno)
		return perr(p, t->col, "bad value '%s'", t->s);
	return 0;
}

static int name_arg(struct parser *p, struct token *t, const char *what)
{
	if (strlen(t->s) > SIM_LIMIT_NAME_BYTES)
		return perr(p, t->col, "%s name too long (limit %d bytes)",
			    what, SIM_LIMIT_NAME_BYTES);
	if (!valid_name(t->s))
		return perr(p, t->col, "bad %s name '%s'", what, t->s);
	return 0;
}

static int proc_arg(struct parser *p, struct token *t)
{
	struct sim_scenario *sc = p->sc;
	int i;

	if (name_arg(p, t, "process"))
		return -1;
	i = lookup(sc->procs, sc->nprocs, t->s);
	if (i < 0 || !p->proc_defined[i])
		return perr(p, t->col, "undefined process '%s'", t->s);
	return i;
}

/* REGION, REGION[I] or REGION[I..J] of process @proc. */
static int page_arg(struct parser *p, struct token *t, int proc,
		    struct sim_pref *ref, bool single)
{
	struct sim_scenario *sc = p->sc;
	char name[SIM_LIMIT_NAME_BYTES + 1], *br = strchr(t->s, '['), *end;
	unsigned long size;
	size_t len = br ? (size_t)(br - t->s) : strlen(t->s);

	memset(ref, 0, sizeof(*ref));
	ref->col = t->col;
	if (len >= sizeof(name))
		return perr(p, t->col, "region name too long (limit %d bytes)",
			    SIM_LIMIT_NAME_BYTES);
	memcpy(name, t->s, len);
	name[len] = 0;
	if (!valid_name(name))
		return perr(p, t->col, "bad region name '%s'", name);
	ref->region = lookup(sc->regions, sc->nregions, name);
	if (ref->region < 0 || !p->regsize[proc][ref->region])
		return perr(p, t->col, "undefined region '%s' in process '%s'",
			    name, sc->procs[proc]);
	size = p->regsize[proc][ref->region];
	if (!br) {
		if (single)
			return perr(p, t->col, "expected a page: %s[INDEX]",
				    name);
		ref->first = 0;
		ref->last = size - 1;
		return 0;
	}
	if (!isdigit((unsigned char)br[1]))
		return perr(p, t->col + (int)len + 1, "bad index in '%s'",
			    t->s);
	ref->first = ref->last = strtoul(br + 1, &end, 10);
	if (end[0] == '.' && end[1] == '.') {
		if (single)
			return perr(p, t->col,
				    "expected one page, not a range");
		if (!isdigit((unsigned char)end[2]))
			return perr(p, t->col, "bad range in '%s'", t->s);
		ref->last = strtoul(end + 2, &end, 10);
	}
	if (end[0] != ']' || end[1])
		return perr(p, t->col, "bad page '%s'", t->s);
	if (ref->first > ref->last)
		return perr(p, t->col, "empty range in '%s'", t->s);
	if (ref->last >= size)
		return perr(p, t->col,
			    "index %lu out of range: region '%s' has %lu pages",
			    ref->last, name, size);
	return 0;
}

static int want(struct parser *p, int n, const char *usage)
{
	if (p->ntok == n)
		return 0;
	return perr(p, p->ntok > n ? p->tok[n].col : p->tok[0].col,
		    p->ntok > n ? "unexpected '%s'; usage: %s" :
				  "missing argument; usage: %s%s",
		    p->ntok > n ? p->tok[n].s : "", usage);
}

static int parse_expect(struct parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct token *t = p->tok;
	int i;

	if (p->ntok < 3)
		return perr(p, t[0].col, "incomplete expect");
	/* expect H == V */
	if (p->ntok == 4 && (!strcmp(t[2].s, "==") || !strcmp(t[2].s, "!="))) {
		i = lookup(sc->handles, sc->nhandles, t[1].s);
		if (i >= 0 && p->handle_defined[i]) {
			st->kind = SIM_ST_EXPECT_HANDLE;
			st->handle = i;
			st->negate = t[2].s[0] == '!';
			return parse_value(p, &t[3], &st->value);
		}
	}
	st->proc = proc_arg(p, &t[1]);
	if (st->proc < 0)
		return -1;
	if (p->ntok == 3 &&
	    (!strcmp(t[2].s, "alive") || !strcmp(t[2].s, "dead"))) {
		st->kind = SIM_ST_EXPECT_ALIVE;
		st->negate = !strcmp(t[2].s, "dead");
		return 0;
	}
	if (page_arg(p, &t[2], st->proc, &st->refs[0], true))
		return -1;
	st->nrefs = 1;
	if (p->ntok < 4)
		return perr(p, t[2].col, "incomplete expect");
	if (!strcmp(t[3].s, "==") || !strcmp(t[3].s, "!=")) {
		st->kind = SIM_ST_EXPECT_VALUE;
		st->negate = t[3].s[0] == '!';
		if (want(p, 5, "expect P R[I] ==|!= V"))
			return -1;
		return parse_value(p, &t[4], &st->value);
	}
	if (!strcmp(t[3].s, "mapcount")) {
		st->kind = SIM_ST_EXPECT_MAPCOUNT;
		if (want(p, 5, "expect P R[I] mapcount N"))
			return -1;
		return parse_value(p, &t[4], &st->value);
	}
	if (!strcmp(t[3].s, "same") || !strcmp(t[3].s, "!same")) {
		st->kind = SIM_ST_EXPECT_SAME;
		st->negate = t[3].s[0] == '!';
		if (want(p, 6, "expect P R[I] same Q S[J]"))
			return -1;
		st->proc2 = proc_arg(p, &t[4]);
		if (st->proc2 < 0)
			return -1;
		return page_arg(p, &t[5], st->proc2, &st->ref2, true);
	}
	if (!strcmp(t[3].s, "is") || !strcmp(t[3].s, "isnot")) {
		st->kind = SIM_ST_EXPECT_IS;
		st->negate = !strcmp(t[3].s, "isnot");
		if (want(p, 5, "expect P R[I] is|isnot LABEL"))
			return -1;
		i = lookup(sc->labels, sc->nlabels, t[4].s);
		if (i < 0 || !p->label_defined[i])
			return perr(p, t[4].col, "undefined label '%s'",
				    t[4].s);
		st->label = i;
		return 0;
	}
	{
		const char *s = t[3].s;

		st->kind = SIM_ST_EXPECT_STATE;
		st->negate = *s == '!';
		if (st->negate)
			s++;
		for (i = 0; i < SIM_NR_STATES; i++)
			if (!strcmp(s, state_names[i]))
				break;
		if (i == SIM_NR_STATES)
			return perr(p, t[3].col, "unknown state '%s'", t[3].s);
		st->state = i;
		return want(p, 4, "expect P R[I] [!]STATE");
	}
}

static int parse_refs(struct parser *p, struct sim_stmt *st, int from, int to,
		      bool single)
{
	int i;

	if (to <= from)
		return perr(p, p->tok[0].col, "missing region");
	if (to - from > SIM_LIMIT_REFS)
		return perr(p, p->tok[from + SIM_LIMIT_REFS].col,
			    "too many ranges in one statement (limit %d)",
			    SIM_LIMIT_REFS);
	for (i = from; i < to; i++)
		if (page_arg(p, &p->tok[i], st->proc, &st->refs[st->nrefs++],
			     single))
			return -1;
	return 0;
}

static int parse_mmap(struct parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct token *t = p->tok;
	uint64_t n;
	int i;

	if (p->ntok < 4)
		return perr(p, t[0].col,
			    "usage: mmap P R N [anon|shmem|file] "
			    "[private|shared] [rw|ro|none] [thp]");
	st->proc = proc_arg(p, &t[1]);
	if (st->proc < 0 || name_arg(p, &t[2], "region"))
		return -1;
	st->region =
		intern(sc->regions, &sc->nregions, SIM_LIMIT_REGIONS, t[2].s);
	if (st->region < 0)
		return perr(p, t[2].col, "too many regions (limit %d)",
			    SIM_LIMIT_REGIONS);
	if (parse_value(p, &t[3], &n))
		return -1;
	if (!n)
		return perr(p, t[3].col, "bad page count 0");
	if (n > SIM_LIMIT_MMAP_PAGES)
		return perr(p, t[3].col,
			    "too many pages in one mmap (limit %lu)",
			    SIM_LIMIT_MMAP_PAGES);
	if (n > SIM_LIMIT_TOTAL_PAGES - p->total_pages)
		return perr(p, t[3].col,
			    "too many pages mapped by the file (limit %lu)",
			    SIM_LIMIT_TOTAL_PAGES);
	p->total_pages += n;
	st->npages = n;
	st->prot = PROT_READ | PROT_WRITE;
	st->backing = SIM_BACKING_ANON;
	for (i = 4; i < p->ntok; i++) {
		const char *s = t[i].s;

		if (!strcmp(s, "anon"))
			st->backing = SIM_BACKING_ANON;
		else if (!strcmp(s, "shmem"))
			st->backing = SIM_BACKING_SHMEM;
		else if (!strcmp(s, "file"))
			st->backing = SIM_BACKING_FILE;
		else if (!strcmp(s, "private"))
			st->shared = false;
		else if (!strcmp(s, "shared"))
			st->shared = true;
		else if (!strcmp(s, "rw"))
			st->prot = PROT_READ | PROT_WRITE;
		else if (!strcmp(s, "ro"))
			st->prot = PROT_READ;
		else if (!strcmp(s, "none"))
			st->prot = PROT_NONE;
		else if (!strcmp(s, "thp"))
			st->thp = true;
		else
			return perr(p, t[i].col, "unknown mmap option '%s'", s);
	}
	p->regsize[st->proc][st->region] = st->npages;
	return 0;
}

static int parse_pin(struct parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct token *t = p->tok;
	int i;

	if (p->ntok < 5)
		return perr(p, t[0].col,
			    "usage: pin H P R[I] ro|rw [get|pin] "
			    "[longterm] [fast]");
	if (name_arg(p, &t[1], "handle"))
		return -1;
	st->handle =
		intern(sc->handles, &sc->nhandles, SIM_LIMIT_HANDLES, t[1].s);
	if (st->handle < 0)
		return perr(p, t[1].col, "too many handles (limit %d)",
			    SIM_LIMIT_HANDLES);
	st->proc = proc_arg(p, &t[2]);
	if (st->proc < 0 || page_arg(p, &t[3], st->proc, &st->refs[0], true))
		return -1;
	st->nrefs = 1;
	if (!strcmp(t[4].s, "rw"))
		st->gup_how |= SIM_GUP_WRITE;
	else if (strcmp(t[4].s, "ro"))
		return perr(p, t[4].col, "expected ro or rw, not '%s'", t[4].s);
	st->gup_how |= SIM_GUP_PIN;
	for (i = 5; i < p->ntok; i++) {
		if (!strcmp(t[i].s, "get"))
			st->gup_how &= ~SIM_GUP_PIN;
		else if (!strcmp(t[i].s, "pin"))
			st->gup_how |= SIM_GUP_PIN;
		else if (!strcmp(t[i].s, "longterm"))
			st->gup_how |= SIM_GUP_LONGTERM;
		else if (!strcmp(t[i].s, "fast"))
			st->gup_how |= SIM_GUP_FAST;
		else
			return perr(p, t[i].col, "unknown pin option '%s'",
				    t[i].s);
	}
	p->handle_defined[st->handle] = true;
	return 0;
}

static int handle_arg(struct parser *p, struct token *t)
{
	struct sim_scenario *sc = p->sc;
	int i = lookup(sc->handles, sc->nhandles, t->s);

	if (i < 0 || !p->handle_defined[i])
		return perr(p, t->col, "undefined handle '%s'", t->s);
	return i;
}

/* Strip a trailing "=> ERR". */
static int parse_errspec(struct parser *p, struct sim_stmt *st)
{
	size_t i;

	if (p->ntok < 2 || strcmp(p->tok[p->ntok - 2].s, "=>"))
		return 0;
	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (!strcmp(errnames[i].name, p->tok[p->ntok - 1].s))
			break;
	if (i == ARRAY_SIZE(errnames))
		return perr(p, p->tok[p->ntok - 1].col, "unknown error '%s'",
			    p->tok[p->ntok - 1].s);
	st->expect_err = errnames[i].value;
	st->has_expect_err = true;
	p->ntok -= 2;
	return 0;
}

static int parse_statement(struct parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct token *t = p->tok;
	const char *op = t[0].s;
	size_t i;
	int q;

	if (!strcmp(op, "title")) {
		if (p->seen_op)
			return perr(p, t[0].col,
				    "header statement after the "
				    "first operation");
		st->kind = SIM_ST_TITLE;
		return 0;
	}
	if (!strcmp(op, "requires")) {
		if (p->seen_op)
			return perr(p, t[0].col,
				    "header statement after the "
				    "first operation");
		st->kind = SIM_ST_REQUIRES;
		if (p->ntok < 2)
			return perr(p, t[0].col, "usage: requires CAP...");
		for (q = 1; q < p->ntok; q++) {
			enum sim_cap cap = sim_cap_lookup(t[q].s);

			if (cap == SIM_CAP_NONE)
				return perr(p, t[q].col,
					    "unknown capability '%s'", t[q].s);
			/* At most one of each known capability. */
			for (i = 0; i < (size_t)sc->nrequires; i++)
				if (sc->requires[i] == cap)
					break;
			if (i == (size_t)sc->nrequires)
				sc->requires[sc->nrequires++] = cap;
		}
		return 0;
	}
	if (!strcmp(op, "broken-under") || !strcmp(op, "count")) {
		if (p->seen_op)
			return perr(p, t[0].col,
				    "header statement after the "
				    "first operation");
		st->kind = SIM_ST_TITLE;
		if (op[0] == 'c') {
			if (p->ntok != 2 || strcmp(t[1].s, "copies"))
				return perr(p, t[0].col, "usage: count copies");
			sc->count_copies = true;
			return 0;
		}
		if (p->ntok < 2)
			return perr(p, t[0].col,
				    "usage: broken-under POLICY...");
		for (q = 1; q < p->ntok; q++) {
			if (!sim_policy_known(t[q].s))
				return perr(p, t[q].col,
					    "unknown policy '%s' (see 'mmsim "
					    "policies')",
					    t[q].s);
			if (intern(sc->broken_under, &sc->nbroken,
				   SIM_LIMIT_POLICIES, t[q].s) < 0)
				return perr(p, t[q].col,
					    "too many policies (limit %d)",
					    SIM_LIMIT_POLICIES);
		}
		return 0;
	}
	if (!strcmp(op, "swapdev")) {
		if (p->seen_op)
			return perr(p, t[0].col,
				    "header statement after the "
				    "first operation");
		st->kind = SIM_ST_SWAPDEV;
		if (p->ntok < 2)
			return perr(p, t[0].col,
				    "usage: swapdev file|sync "
				    "[stable-writes] [slow-writeback]");
		if (!strcmp(t[1].s, "sync"))
			st->sync = true;
		else if (strcmp(t[1].s, "file"))
			return perr(p, t[1].col,
				    "expected file or sync, not '%s'", t[1].s);
		for (q = 2; q < p->ntok; q++) {
			if (!strcmp(t[q].s, "stable-writes"))
				st->stable_writes = true;
			else if (!strcmp(t[q].s, "slow-writeback"))
				st->slow_writeback = true;
			else
				return perr(p, t[q].col,
					    "unknown swapdev option '%s'",
					    t[q].s);
		}
		return 0;
	}
	if (!strcmp(op, "policy")) {
		if (p->seen_op)
			return perr(p, t[0].col,
				    "header statement after the "
				    "first operation");
		if (want(p, 2, "policy NAME"))
			return -1;
		if (!sim_policy_known(t[1].s))
			return perr(
				p, t[1].col,
				"unknown policy '%s' (see 'mmsim policies')",
				t[1].s);
		free(sc->policy);
		sc->policy = strdup(t[1].s);
		st->kind = SIM_ST_POLICY;
		return 0;
	}

	p->seen_op = true;
	if (parse_errspec(p, st))
		return -1;

	if (!strcmp(op, "mmap")) {
		st->kind = SIM_ST_MMAP;
		return parse_mmap(p, st);
	}
	if (!strcmp(op, "munmap") || !strcmp(op, "swapout")) {
		st->kind = op[0] == 'm' ? SIM_ST_MUNMAP : SIM_ST_SWAPOUT;
		if (p->ntok < 3)
			return perr(p, t[0].col, "usage: %s P R...", op);
		st->proc = proc_arg(p, &t[1]);
		if (st->proc < 0)
			return -1;
		if (st->kind == SIM_ST_MUNMAP && want(p, 3, "munmap P R[I..J]"))
			return -1;
		return parse_refs(p, st, 2, p->ntok, false);
	}
	if (!strcmp(op, "mprotect")) {
		const char *prot = t[p->ntok - 1].s;

		st->kind = SIM_ST_MPROTECT;
		if (p->ntok < 4)
			return perr(p, t[0].col,
				    "usage: mprotect P R... rw|ro|none");
		if (!strcmp(prot, "rw"))
			st->prot = PROT_READ | PROT_WRITE;
		else if (!strcmp(prot, "ro"))
			st->prot = PROT_READ;
		else if (!strcmp(prot, "none"))
			st->prot = PROT_NONE;
		else
			return perr(p, t[p->ntok - 1].col,
				    "expected rw, ro or none, not '%s'", prot);
		st->proc = proc_arg(p, &t[1]);
		if (st->proc < 0)
			return -1;
		return parse_refs(p, st, 2, p->ntok - 1, false);
	}
	if (!strcmp(op, "madvise")) {
		const char *adv = t[p->ntok - 1].s;

		st->kind = SIM_ST_MADVISE;
		if (p->ntok < 4)
			return perr(p, t[0].col,
				    "usage: madvise P R... ADVICE");
		for (i = 0; i < ARRAY_SIZE(advices); i++)
			if (!strcmp(adv, advices[i].name))
				break;
		if (i == ARRAY_SIZE(advices))
			return perr(p, t[p->ntok - 1].col,
				    "unknown advice '%s'", adv);
		st->advice = advices[i].advice;
		st->advice_name = advices[i].name;
		st->proc = proc_arg(p, &t[1]);
		if (st->proc < 0)
			return -1;
		return parse_refs(p, st, 2, p->ntok - 1, false);
	}
	if (!strcmp(op, "write") || !strcmp(op, "read")) {
		bool w = op[0] == 'w';

		st->kind = w ? SIM_ST_WRITE : SIM_ST_READ;
		if (want(p, w ? 4 : 3, w ? "write P R[I] V" : "read P R[I]"))
			return -1;
		st->proc = proc_arg(p, &t[1]);
		if (st->proc < 0 ||
		    page_arg(p, &t[2], st->proc, &st->refs[0], true))
			return -1;
		st->nrefs = 1;
		return w ? parse_value(p, &t[3], &st->value) : 0;
	}
	if (!strcmp(op, "fork")) {
		st->kind = SIM_ST_FORK;
		if (want(p, 3, "fork P Q"))
			return -1;
		st->proc = proc_arg(p, &t[1]);
		if (st->proc < 0 || name_arg(p, &t[2], "process"))
			return -1;
		q = intern(sc->procs, &sc->nprocs, SIM_LIMIT_PROCS, t[2].s);
		if (q < 0)
			return perr(p, t[2].col,
				    "too many processes (limit %d)",
				    SIM_LIMIT_PROCS);
		if (p->proc_defined[q])
			return perr(p, t[2].col, "process '%s' already exists",
				    t[2].s);
		p->proc_defined[q] = true;
		memcpy(p->regsize[q], p->regsize[st->proc],
		       sizeof(p->regsize[q]));
		st->proc2 = q;
		return 0;
	}
	if (!strcmp(op, "exit")) {
		st->kind = SIM_ST_EXIT;
		if (want(p, 2, "exit P"))
			return -1;
		st->proc = proc_arg(p, &t[1]);
		return st->proc < 0 ? -1 : 0;
	}
	if (!strcmp(op, "pin")) {
		st->kind = SIM_ST_PIN;
		return parse_pin(p, st);
	}
	if (!strcmp(op, "unpin") || !strcmp(op, "dma-write")) {
		bool dma = op[0] == 'd';

		st->kind = dma ? SIM_ST_DMA_WRITE : SIM_ST_UNPIN;
		if (want(p, dma ? 3 : 2, dma ? "dma-write H V" : "unpin H"))
			return -1;
		st->handle = handle_arg(p, &t[1]);
		if (st->handle < 0)
			return -1;
		return dma ? parse_value(p, &t[2], &st->value) : 0;
	}
	if (!strcmp(op, "swapoff") || !strcmp(op, "ksm") ||
	    !strcmp(op, "check") || !strcmp(op, "show") ||
	    !strcmp(op, "writeback-done")) {
		st->kind = op[0] == 'k'		  ? SIM_ST_KSM :
			   op[0] == 'w'		  ? SIM_ST_WRITEBACK_DONE :
			   !strcmp(op, "swapoff") ? SIM_ST_SWAPOFF :
			   !strcmp(op, "check")	  ? SIM_ST_CHECK :
						    SIM_ST_SHOW;
		return want(p, 1, op);
	}
	if (!strcmp(op, "migrate") || !strcmp(op, "split") ||
	    !strcmp(op, "poison") || !strcmp(op, "poison-table")) {
		st->kind = !strcmp(op, "migrate") ? SIM_ST_MIGRATE :
			   !strcmp(op, "split")	  ? SIM_ST_SPLIT :
			   !strcmp(op, "poison")  ? SIM_ST_POISON :
						    SIM_ST_POISON_TABLE;
		if (want(p, 3, "OP P R[I]"))
			return -1;
		st->proc = proc_arg(p, &t[1]);
		if (st->proc < 0)
			return -1;
		st->nrefs = 0;
		return parse_refs(p, st, 2, 3, true);
	}
	if (!strcmp(op, "uffd-wp")) {
		const char *onoff = t[p->ntok - 1].s;

		st->kind = SIM_ST_UFFD_WP;
		if (p->ntok < 4 ||
		    (strcmp(onoff, "on") && strcmp(onoff, "off")))
			return perr(p, t[0].col,
				    "usage: uffd-wp P R... on|off");
		st->on = !strcmp(onoff, "on");
		st->proc = proc_arg(p, &t[1]);
		if (st->proc < 0)
			return -1;
		return parse_refs(p, st, 2, p->ntok - 1, false);
	}
	if (!strcmp(op, "label")) {
		st->kind = SIM_ST_LABEL;
		if (want(p, 4, "label X P R[I]") || name_arg(p, &t[1], "label"))
			return -1;
		st->label = intern(sc->labels, &sc->nlabels, SIM_LIMIT_LABELS,
				   t[1].s);
		if (st->label < 0)
			return perr(p, t[1].col, "too many labels (limit %d)",
				    SIM_LIMIT_LABELS);
		st->proc = proc_arg(p, &t[2]);
		if (st->proc < 0 ||
		    page_arg(p, &t[3], st->proc, &st->refs[0], true))
			return -1;
		st->nrefs = 1;
		p->label_defined[st->label] = true;
		return 0;
	}
	if (!strcmp(op, "expect"))
		return parse_expect(p, st);
	return perr(p, t[0].col, "unknown statement '%s'", op);
}

/* Split @line into p->tok; -1 after an error (too many tokens). */
static int tokenize(struct parser *p, char *line)
{
	char *s = line;

	p->ntok = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			break;
		if (p->ntok == SIM_LIMIT_TOKENS)
			return perr(p, (int)(s - line) + 1,
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

static char *trimmed_copy(const char *line)
{
	const char *end, *hash = strchr(line, '#');
	size_t n;

	while (*line == ' ' || *line == '\t')
		line++;
	end = hash ? hash : line + strlen(line);
	while (end > line && isspace((unsigned char)end[-1]))
		end--;
	n = (size_t)(end - line);
	{
		char *s = malloc(n + 1);

		if (!s)
			abort();
		memcpy(s, line, n);
		s[n] = 0;
		return s;
	}
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
static int check_text(struct parser *p, const char *s, size_t len)
{
	size_t i, n;

	for (i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)s[i];
		int col = (int)i + 1;

		n = 1;
		if (!c)
			return perr(p, col, "NUL byte");
		if (c == '\r')
			return perr(p, col,
				    "carriage return inside a line (only a "
				    "\"\\r\\n\" line end is allowed)");
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return perr(p, col, "control character 0x%02x", c);
		if (c >= 0x80) {
			n = sim_utf8_len(s + i, len - i);
			if (!n)
				return perr(p, col,
					    "invalid UTF-8 (a scenario file "
					    "is UTF-8)");
		}
	}
	return 0;
}

/* Parse one line of @len bytes (no '\n'); 0 or -1 after an error. */
static int parse_line(struct parser *p, const char *s, size_t len)
{
	struct sim_scenario *sc = p->sc;
	char line[SIM_LIMIT_LINE_BYTES + 1];
	struct sim_stmt *st;
	char *text;
	int ret;

	/* CRLF line ends: the CR is not part of the line. */
	if (len && s[len - 1] == '\r')
		len--;
	if (len > SIM_LIMIT_LINE_BYTES)
		return perr(p, SIM_LIMIT_LINE_BYTES + 1,
			    "line too long (limit %d bytes)",
			    SIM_LIMIT_LINE_BYTES);
	if (check_text(p, s, len))
		return -1;
	memcpy(line, s, len);
	line[len] = 0;
	text = trimmed_copy(line);
	if (tokenize(p, line)) {
		free(text);
		return -1;
	}
	if (!p->ntok) {
		free(text);
		return 0;
	}
	if (sc->nstmts == SIM_LIMIT_STATEMENTS) {
		free(text);
		return perr(p, p->tok[0].col, "too many statements (limit %d)",
			    SIM_LIMIT_STATEMENTS);
	}
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
	st->text = text;
	if (!strcmp(p->tok[0].s, "title")) {
		const char *title = text + 5;

		while (*title == ' ' || *title == '\t')
			title++;
		free(sc->title);
		sc->title = strdup(title);
	}
	st->refs = p->refs;
	ret = parse_statement(p, st);
	st->refs = NULL;
	if (st->nrefs) {
		st->refs = malloc(st->nrefs * sizeof(*st->refs));
		if (!st->refs)
			abort();
		memcpy(st->refs, p->refs, st->nrefs * sizeof(*st->refs));
	}
	return ret;
}

struct sim_scenario *sim_scenario_load_mem(const char *name, const char *buf,
					   size_t len, FILE *err)
{
	struct parser *p = calloc(1, sizeof(*p));
	struct sim_scenario *sc = calloc(1, sizeof(*sc));
	const char *s = buf, *end = buf + len;
	int ret = 0;

	if (!p || !sc)
		abort();
	sc->path = strdup(name);
	p->sc = sc;
	p->path = name;
	p->err = err;
	sc->procs[sc->nprocs++] = strdup("p0");
	p->proc_defined[0] = true;

	if (len > SIM_LIMIT_FILE_BYTES)
		ret = perr(p, 0, "file too large (limit %lu bytes)",
			   SIM_LIMIT_FILE_BYTES);
	/* A UTF-8 byte order mark, as some editors write, is not text. */
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	while (!ret && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		p->line++;
		ret = parse_line(p, s, (size_t)((nl ? nl : end) - s));
		s = nl ? nl + 1 : end;
	}
	free(p);
	if (ret) {
		sim_scenario_free(sc);
		return NULL;
	}
	return sc;
}

/*
 * Read all of @fd, at most one byte more than the file size limit (so
 * that a larger input is seen to be too large, and /dev/zero-like inputs
 * cannot grow memory).  Returns 0 or -errno.
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
	struct sim_scenario *sc;
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
		sc = sim_scenario_load_mem("<stdin>", buf, len, err);
		free(buf);
		return sc;
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
	sc = sim_scenario_load_mem(path, buf, len, err);
	free(buf);
	return sc;
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

const char *sim_scenario_title(const struct sim_scenario *sc)
{
	return sc->title ? sc->title : "";
}

const char *sim_scenario_path(const struct sim_scenario *sc)
{
	return sc->path;
}

void sim_scenario_free(struct sim_scenario *sc)
{
	int i;

	if (!sc)
		return;
	for (i = 0; i < sc->nstmts; i++) {
		free(sc->stmts[i].text);
		free(sc->stmts[i].refs);
	}
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
	free(sc->title);
	free(sc->policy);
	free(sc->path);
	free(sc);
}
