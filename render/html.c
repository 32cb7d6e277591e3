// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pictures of a run (docs/pictures.md).  Each frame is drawn the way
 * everyone draws copy-on-write: processes and their regions, a cell per
 * PTE, an arrow to the page it maps (or the swap slot it names), the
 * pages with their counts and PG_anon_exclusive, the handles that pin
 * them.  What changed since the previous statement has a thick outline.
 * The layout is a fixed grid, so the output is the same byte for byte
 * for the same run; no library does a grid better than four loops.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "scenario/scenario.h"

#define CELL_W 46
#define CELL_H 30
#define ROW_H 44
#define PAGE_W 190
#define PAGE_H 40
#define SLOT_W 120
#define PIN_W 110

static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/* A page box: the page a PTE or a pin names, once per frame. */
struct pbox {
	unsigned long pfn;
	unsigned int gen;
	bool zero;
	const struct sim_pte_info *info;
	unsigned int pins;
	int y;
};

struct sbox {
	unsigned int type;
	unsigned long off;
	int count;
	int y;
};

struct layout {
	struct pbox pages[256];
	unsigned int npages;
	struct sbox slots[128];
	unsigned int nslots;
	int cells_x, pages_x, slots_x, pins_x, width, height;
};

static bool present(const struct sim_frame_pte *e, int k)
{
	return !e->ret[k] && (e->obs[k].info.kind == SIM_PTE_PRESENT ||
			      e->obs[k].info.kind == SIM_PTE_ZEROPAGE);
}

static int page_of(struct layout *l, const struct sim_pte_info *in)
{
	bool zero = in->kind == SIM_PTE_ZEROPAGE;
	unsigned int i;

	for (i = 0; i < l->npages; i++)
		if (l->pages[i].zero ? zero :
				       (!zero && l->pages[i].pfn == in->pfn &&
					l->pages[i].gen == in->gen))
			return (int)i;
	if (l->npages == sizeof(l->pages) / sizeof(l->pages[0]))
		return -1;
	l->pages[l->npages] = (struct pbox){
		.pfn = in->pfn, .gen = in->gen, .zero = zero, .info = in
	};
	return (int)l->npages++;
}

static int slot_of(struct layout *l, const struct sim_pte_info *in)
{
	unsigned int i;

	for (i = 0; i < l->nslots; i++)
		if (l->slots[i].type == in->swp_type &&
		    l->slots[i].off == in->swp_offset)
			return (int)i;
	if (l->nslots == sizeof(l->slots) / sizeof(l->slots[0]))
		return -1;
	l->slots[l->nslots] = (struct sbox){ .type = in->swp_type,
					     .off = in->swp_offset,
					     .count = in->swp_count };
	return (int)l->nslots++;
}

/* The PTE of the previous frame at the same place, if any. */
static const struct sim_frame_pte *before(const struct sim_frame *prev,
					  const struct sim_frame_pte *e)
{
	unsigned int i;

	if (!prev)
		return NULL;
	for (i = 0; i < prev->nptes; i++)
		if (prev->ptes[i].proc == e->proc &&
		    prev->ptes[i].region == e->region &&
		    prev->ptes[i].idx == e->idx)
			return &prev->ptes[i];
	return NULL;
}

static bool same_info(const struct sim_pte_info *a,
		      const struct sim_pte_info *b)
{
	return a->kind == b->kind && a->writable == b->writable &&
	       a->exclusive == b->exclusive && a->ksm == b->ksm &&
	       a->pfn == b->pfn && a->gen == b->gen &&
	       a->mapcount == b->mapcount && a->refcount == b->refcount &&
	       a->swp_type == b->swp_type && a->swp_offset == b->swp_offset &&
	       a->swp_exclusive == b->swp_exclusive && a->uffd_wp == b->uffd_wp;
}

static bool pte_changed(const struct sim_frame *prev,
			const struct sim_frame_pte *e)
{
	const struct sim_frame_pte *b = before(prev, e);

	if (!prev)
		return false;
	if (!b || b->ret[0] != e->ret[0])
		return true;
	return !same_info(&b->obs[0].info, &e->obs[0].info);
}

/* The page @p of this frame had other counts or flags before, or none. */
static bool page_changed(const struct sim_frame *prev, const struct pbox *p)
{
	unsigned int i;

	if (!prev)
		return false;
	for (i = 0; i < prev->nptes; i++) {
		const struct sim_frame_pte *e = &prev->ptes[i];

		if (!present(e, 0) || e->obs[0].info.kind == SIM_PTE_ZEROPAGE)
			continue;
		if (e->obs[0].info.pfn == p->pfn &&
		    e->obs[0].info.gen == p->gen)
			return !same_info(&e->obs[0].info, p->info);
	}
	/* Held by a handle alone before: compare with what it said. */
	for (i = 0; i < prev->npins; i++)
		if (!prev->pins[i].ret && prev->pins[i].info.pfn == p->pfn &&
		    prev->pins[i].info.gen == p->gen)
			return !same_info(&prev->pins[i].info, p->info);
	return !p->zero;
}

static const char *cell_fill(const struct sim_pte_info *in, int ret)
{
	if (ret)
		return "#eeeeee";
	switch (in->kind) {
	case SIM_PTE_PRESENT:
		if (in->ksm)
			return "#c9a7ff";
		return in->exclusive ? "#8fd694" : "#f6b26b";
	case SIM_PTE_ZEROPAGE:
		return "#d9d9d9";
	case SIM_PTE_SWAP:
		return "#9fd3ec";
	case SIM_PTE_MIGRATION:
		return "#f9e79f";
	case SIM_PTE_MARKER:
		return "#ffd166";
	case SIM_PTE_NONE:
		return "#ffffff";
	default:
		return "#eeeeee";
	}
}

static void cell_label(char *buf, size_t len, const struct sim_pte_info *in,
		       int ret)
{
	if (ret) {
		snprintf(buf, len, "-");
		return;
	}
	switch (in->kind) {
	case SIM_PTE_PRESENT:
		snprintf(buf, len, "%s%s%s%s", in->writable ? "rw" : "ro",
			 in->pmd ? " H" : "", in->uffd_wp ? " wp" : "",
			 in->soft_dirty ? " sd" : "");
		break;
	case SIM_PTE_ZEROPAGE:
		snprintf(buf, len, "zero");
		break;
	case SIM_PTE_SWAP:
		snprintf(buf, len, "swap%s%s", in->swp_exclusive ? " x" : "",
			 in->uffd_wp ? " wp" : "");
		break;
	case SIM_PTE_MIGRATION:
		snprintf(buf, len, "migr");
		break;
	case SIM_PTE_MARKER:
		snprintf(buf, len, "marker");
		break;
	case SIM_PTE_NONE:
		snprintf(buf, len, "none");
		break;
	default:
		snprintf(buf, len, "?");
	}
}

/* The two backends disagree on what this PTE is. */
static bool disagree(const struct sim_frames *fs, const struct sim_frame_pte *e)
{
	if (fs->nbe < 2)
		return false;
	if (e->ret[0] != e->ret[1])
		return true;
	return !e->ret[0] && e->obs[0].info.kind != e->obs[1].info.kind;
}

/* A padlock at (@x, @y), 12 x 14: PG_anon_exclusive. */
static void lock(FILE *f, int x, int y)
{
	fprintf(f,
		"<g class=\"lock\" transform=\"translate(%d,%d)\">"
		"<path d=\"M3 6 V4 A3 3 0 0 1 9 4 V6\" fill=\"none\" "
		"stroke=\"#1b4332\" stroke-width=\"1.6\"/>"
		"<rect x=\"1\" y=\"6\" width=\"10\" height=\"8\" rx=\"1\" "
		"fill=\"#1b4332\"/></g>\n",
		x, y);
}

void sim_render_svg(FILE *f, const struct sim_frames *fs, unsigned int fi,
		    int inline_svg)
{
	const struct sim_frame *fr = &fs->v[fi];
	const struct sim_frame *prev = fi ? &fs->v[fi - 1] : NULL;
	const struct sim_scenario *sc = fs->sc;
	struct layout *l = calloc(1, sizeof(*l));
	int *row_y = calloc(fr->nptes + 1, sizeof(int));
	int *page_i = calloc(fr->nptes + 1, sizeof(int));
	int *slot_i = calloc(fr->nptes + 1, sizeof(int));
	unsigned int i, j, maxidx = 1;
	int y = 14, last_proc = -1, last_region = -1, pin_y;
	char label[48];

	if (!l || !row_y || !page_i || !slot_i)
		abort();
	for (i = 0; i < fr->nptes; i++)
		if (fr->ptes[i].idx + 1U > maxidx)
			maxidx = fr->ptes[i].idx + 1U;
	if (maxidx > 16)
		maxidx = 16;
	l->cells_x = 70;
	l->pages_x = l->cells_x + (int)maxidx * CELL_W + 90;
	l->slots_x = l->pages_x + PAGE_W + 60;
	l->pins_x = l->slots_x + SLOT_W + 40;

	/* Rows: a header per process, a row per region. */
	for (i = 0; i < fr->nptes; i++) {
		const struct sim_frame_pte *e = &fr->ptes[i];

		if (e->proc != last_proc) {
			y += 22;
			last_proc = e->proc;
			last_region = -1;
		}
		if (e->region != last_region) {
			y += ROW_H;
			last_region = e->region;
		}
		row_y[i] = y - ROW_H + 8;
		page_i[i] = present(e, 0) ? page_of(l, &e->obs[0].info) : -1;
		slot_i[i] = !e->ret[0] && e->obs[0].info.kind == SIM_PTE_SWAP ?
				    slot_of(l, &e->obs[0].info) :
				    -1;
	}
	for (i = 0; i < fr->npins; i++) {
		const struct sim_frame_pin *p = &fr->pins[i];
		int k;

		if (p->ret)
			continue;
		k = page_of(l, &p->info);
		if (k >= 0)
			l->pages[k].pins++;
	}
	for (i = 0; i < l->npages; i++)
		l->pages[i].y = 36 + (int)i * (PAGE_H + 14);
	for (i = 0; i < l->nslots; i++)
		l->slots[i].y = 36 + (int)i * (PAGE_H + 14);
	l->width = l->pins_x + PIN_W + 20;
	l->height = y + 30;
	if (36 + (int)l->npages * (PAGE_H + 14) + 20 > l->height)
		l->height = 36 + (int)l->npages * (PAGE_H + 14) + 20;
	if (36 + (int)fr->npins * (PAGE_H + 14) + 20 > l->height)
		l->height = 36 + (int)fr->npins * (PAGE_H + 14) + 20;

	fprintf(f,
		"<svg %swidth=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"monospace\" font-size=\"11\">\n",
		inline_svg ? "" : "xmlns=\"http://www.w3.org/2000/svg\" ",
		l->width, l->height, l->width, l->height);
	fprintf(f,
		"<text x=\"%d\" y=\"20\" font-weight=\"bold\">pages</text>"
		"<text x=\"%d\" y=\"20\" font-weight=\"bold\">swap</text>"
		"<text x=\"%d\" y=\"20\" font-weight=\"bold\">handles</text>\n",
		l->pages_x, l->slots_x, l->pins_x);

	/* Processes, regions, PTE cells, arrows. */
	last_proc = last_region = -1;
	for (i = 0; i < fr->nptes; i++) {
		const struct sim_frame_pte *e = &fr->ptes[i];
		const struct sim_pte_info *in = &e->obs[0].info;
		int x = l->cells_x + e->idx * CELL_W, cy = row_y[i];
		bool changed = pte_changed(prev, e), dis = disagree(fs, e);

		if (e->idx >= 16)
			continue;
		if (e->proc != last_proc) {
			fprintf(f,
				"<text x=\"8\" y=\"%d\" font-weight=\"bold\">",
				cy - 8);
			esc(f, sim_scenario_proc_name(sc, e->proc));
			fprintf(f, "</text>\n");
			last_proc = e->proc;
			last_region = -1;
		}
		if (e->region != last_region) {
			fprintf(f, "<text x=\"20\" y=\"%d\">", cy + 19);
			esc(f, sim_scenario_region_name(sc, e->region));
			fprintf(f, "</text>\n");
			last_region = e->region;
		}
		cell_label(label, sizeof(label), in, e->ret[0]);
		fprintf(f,
			"<rect class=\"pte%s%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"%d\" fill=\"%s\" stroke=\"%s\" "
			"stroke-width=\"%d\"><title>",
			changed ? " changed" : "", dis ? " disagree" : "", x,
			cy, CELL_W - 6, CELL_H, cell_fill(in, e->ret[0]),
			dis	? "#d00000" :
			changed ? "#1d3557" :
				  "#666666",
			changed || dis ? 3 : 1);
		esc(f, sim_scenario_proc_name(sc, e->proc));
		fprintf(f, " ");
		esc(f, sim_scenario_region_name(sc, e->region));
		fprintf(f, "[%u] %#lx: %s", e->idx, e->addr, label);
		if (present(e, 0) && in->kind == SIM_PTE_PRESENT)
			fprintf(f, " pfn %#lx%s", in->pfn,
				in->exclusive ? " exclusive" : "");
		if (!e->ret[0] && in->kind != SIM_PTE_NONE)
			fprintf(f, " (pte %#llx)", (unsigned long long)in->pte);
		if (fs->nbe > 1) {
			char k[48];

			cell_label(k, sizeof(k), &e->obs[1].info, e->ret[1]);
			fprintf(f, "; kernel: %s", k);
		}
		fprintf(f, "</title></rect>\n");
		fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text>\n", x + 3,
			cy + 13, label);
		if (fs->nbe > 1) {
			cell_label(label, sizeof(label), &e->obs[1].info,
				   e->ret[1]);
			fprintf(f,
				"<text x=\"%d\" y=\"%d\" fill=\"%s\" "
				"font-size=\"9\">k:%s</text>\n",
				x + 3, cy + 25, dis ? "#d00000" : "#444444",
				label);
		}
		if (page_i[i] >= 0)
			fprintf(f,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
				"stroke=\"#999999\" stroke-width=\"1\"/>\n",
				x + CELL_W - 6, cy + CELL_H / 2, l->pages_x,
				l->pages[page_i[i]].y + PAGE_H / 2);
		if (slot_i[i] >= 0)
			fprintf(f,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
				"stroke=\"#4a90c2\" stroke-dasharray=\"4 3\"/>\n",
				x + CELL_W - 6, cy + CELL_H / 2, l->slots_x,
				l->slots[slot_i[i]].y + PAGE_H / 2);
	}

	/*
	 * Large folios: one outline around the run of cells of a row that
	 * map pages of the same folio (its head: the PFN rounded down to
	 * the folio's size, as folios are aligned).
	 */
	for (i = 0; i < fr->nptes; i = j) {
		const struct sim_frame_pte *e = &fr->ptes[i];
		const struct sim_pte_info *in = &e->obs[0].info;
		unsigned long head;

		j = i + 1;
		if (!present(e, 0) || !in->thp || !in->order || e->idx >= 16)
			continue;
		head = in->pfn & ~((1UL << in->order) - 1);
		while (j < fr->nptes && fr->ptes[j].proc == e->proc &&
		       fr->ptes[j].region == e->region &&
		       fr->ptes[j].idx < 16 && present(&fr->ptes[j], 0) &&
		       fr->ptes[j].obs[0].info.thp &&
		       (fr->ptes[j].obs[0].info.pfn &
			~((1UL << fr->ptes[j].obs[0].info.order) - 1)) == head)
			j++;
		fprintf(f,
			"<rect class=\"folio\" x=\"%d\" y=\"%d\" "
			"width=\"%d\" height=\"%d\" rx=\"6\" fill=\"none\" "
			"stroke=\"#6a4c93\" stroke-width=\"2\" "
			"stroke-dasharray=\"6 3\"/>\n",
			l->cells_x + e->idx * CELL_W - 3, row_y[i] - 3,
			(int)(j - i) * CELL_W, CELL_H + 6);
	}

	/* The pages. */
	for (i = 0; i < l->npages; i++) {
		const struct pbox *p = &l->pages[i];
		const struct sim_pte_info *in = p->info;
		bool changed = page_changed(prev, p);
		char thp[24] = "";
		const char *fill = p->zero	 ? "#d9d9d9" :
				   in->ksm	 ? "#c9a7ff" :
				   in->exclusive ? "#8fd694" :
						   "#f6b26b";

		if (!p->zero && in->thp)
			snprintf(thp, sizeof(thp), " THP order %u", in->order);
		fprintf(f,
			"<rect class=\"page%s\" data-pfn=\"%#lx\" x=\"%d\" "
			"y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" "
			"fill=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>\n",
			changed ? " changed" : "", p->zero ? 0UL : p->pfn,
			l->pages_x, p->y, PAGE_W, PAGE_H, fill,
			changed ? "#1d3557" : "#555555", changed ? 3 : 1);
		if (p->zero) {
			fprintf(f,
				"<text x=\"%d\" y=\"%d\">shared zero page</text>\n",
				l->pages_x + 6, p->y + 16);
			continue;
		}
		fprintf(f, "<text x=\"%d\" y=\"%d\">pfn %#lx%s%s%s</text>\n",
			l->pages_x + 6, p->y + 15, p->pfn,
			in->exclusive ? " exclusive" : " shared",
			in->ksm ? " KSM" : "", thp);
		if (in->exclusive)
			lock(f, l->pages_x + PAGE_W - 18, p->y + 6);
		fprintf(f,
			"<text x=\"%d\" y=\"%d\">ref %d map %d pin %d%s</text>"
			"\n",
			l->pages_x + 6, p->y + 31, in->refcount, in->mapcount,
			in->pincount, in->swapcache ? " swapcache" : "");
	}

	/* Swap slots. */
	for (i = 0; i < l->nslots; i++) {
		const struct sbox *sl = &l->slots[i];

		fprintf(f,
			"<rect class=\"slot\" x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"%d\" rx=\"4\" fill=\"#9fd3ec\" "
			"stroke=\"#4a90c2\"/>\n"
			"<text x=\"%d\" y=\"%d\">slot %u:%lu</text>\n"
			"<text x=\"%d\" y=\"%d\">users %d</text>\n",
			l->slots_x, sl->y, SLOT_W, PAGE_H, l->slots_x + 6,
			sl->y + 15, sl->type, sl->off, l->slots_x + 6,
			sl->y + 31, sl->count);
	}

	/* Handles, and what they pin. */
	pin_y = 36;
	for (i = 0; i < fr->npins; i++) {
		const struct sim_frame_pin *p = &fr->pins[i];
		int k = -1;

		for (j = 0; !p->ret && j < l->npages; j++)
			if (l->pages[j].zero ?
				    p->info.kind == SIM_PTE_ZEROPAGE :
				    (l->pages[j].pfn == p->info.pfn &&
				     l->pages[j].gen == p->info.gen))
				k = (int)j;
		fprintf(f,
			"<rect class=\"pin\" x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"%d\" rx=\"10\" fill=\"#fde2e4\" "
			"stroke=\"#c0392b\"/>\n<text x=\"%d\" y=\"%d\">",
			l->pins_x, pin_y, PIN_W, PAGE_H, l->pins_x + 8,
			pin_y + 24);
		esc(f, sim_scenario_handle_name(sc, p->handle));
		fprintf(f, "%s</text>\n", p->ret ? " (released)" : "");
		if (k >= 0)
			fprintf(f,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
				"stroke=\"#c0392b\" stroke-width=\"2\"/>\n",
				l->pins_x, pin_y + PAGE_H / 2,
				l->pages_x + PAGE_W,
				l->pages[k].y + PAGE_H / 2);
		pin_y += PAGE_H + 14;
	}
	fprintf(f, "</svg>\n");
	free(l);
	free(row_y);
	free(page_i);
	free(slot_i);
}

static const char *const page_css =
	"body{font-family:sans-serif;margin:0;display:flex;flex-direction:"
	"column;height:100vh}"
	"header{padding:6px 12px;background:#1d3557;color:#fff}"
	"header h1{font-size:16px;margin:0}header p{margin:2px 0;font-size:12px}"
	"main{display:flex;flex:1;min-height:0}"
	"#stmts{margin:0;padding:8px 8px 8px 40px;width:34%;overflow:auto;"
	"font-family:monospace;font-size:13px;border-right:1px solid #ccc}"
	"#stmts li{cursor:pointer;padding:1px 4px}"
	"#stmts li.sel{background:#ffe08a}#stmts li.fail{color:#c00000}"
	"#stmts li.notrun{color:#999;cursor:default}"
	"#view{flex:1;overflow:auto;padding:8px}"
	".frame{display:none}.frame.sel{display:block}"
	".out{font-size:12px;background:#f6f6f6;padding:6px;white-space:"
	"pre-wrap}.out .bad{color:#c00000;font-weight:bold}"
	".legend span{display:inline-block;padding:1px 6px;margin-right:4px;"
	"border:1px solid #666;font-size:11px}";

static const char *const page_js =
	"(function(){var fr=document.querySelectorAll('.frame');"
	"var li=document.querySelectorAll('#stmts li[data-frame]');var cur=0;"
	"function show(i){if(i<0||i>=fr.length)return;"
	"fr[cur].classList.remove('sel');li[cur].classList.remove('sel');"
	"cur=i;fr[cur].classList.add('sel');li[cur].classList.add('sel');"
	"li[cur].scrollIntoView({block:'nearest'});"
	"document.getElementById('pos').textContent=(cur+1)+'/'+fr.length;}"
	"li.forEach(function(e){e.addEventListener('click',function(){"
	"show(+e.getAttribute('data-frame'));});});"
	"var m=/^#f(\\d+)$/.exec(location.hash);"
	"document.addEventListener('keydown',function(ev){"
	"if(ev.key==='ArrowDown'||ev.key==='ArrowRight'||ev.key==='j')"
	"{show(cur+1);ev.preventDefault();}"
	"if(ev.key==='ArrowUp'||ev.key==='ArrowLeft'||ev.key==='k')"
	"{show(cur-1);ev.preventDefault();}});show(m?+m[1]:0);})();";

/* The lines a statement printed, "not ok" ones and their notes in red. */
static void out_text(FILE *f, const char *text)
{
	const char *p = text;
	bool bad = false;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);

		if (!line)
			abort();
		if (!strncmp(line, "not ok", 6))
			bad = true;
		else if (strncmp(line, "#   ", 4))
			bad = false;
		fprintf(f, "%s", bad ? "<span class=\"bad\">" : "<span>");
		esc(f, line);
		fprintf(f, "</span>\n");
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

void sim_render_html(FILE *f, const struct sim_frames *fs)
{
	const struct sim_scenario *sc = fs->sc;
	const char *title = sim_scenario_title(sc);
	int n = sim_scenario_nstmts(sc), i;
	unsigned int k;

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		   "<meta charset=\"utf-8\">\n<title>mmsim: ");
	esc(f, title ? title : sim_scenario_path(sc));
	fprintf(f,
		"</title>\n<style>%s</style>\n</head>\n<body>\n<header>"
		"<h1>",
		page_css);
	esc(f, title ? title : "(no title)");
	fprintf(f, "</h1><p>");
	esc(f, sim_scenario_path(sc));
	fprintf(f, " &middot; policy ");
	esc(f, fs->policy ? fs->policy : "latest");
	fprintf(f, " &middot; %s",
		fs->nbe > 1    ? "model and kernel" :
		fs->be_name[0] ? fs->be_name[0] :
				 "model");
	fprintf(f,
		" &middot; frame <span id=\"pos\">1/%u</span> &middot; "
		"&uarr;/&darr; or click a line</p>"
		"<p class=\"legend\"><span style=\"background:#8fd694\">"
		"exclusive (padlock: PG_anon_exclusive)</span>"
		"<span style=\"background:"
		"#f6b26b\">possibly shared</span><span style=\"background:"
		"#c9a7ff\">KSM</span><span style=\"background:#d9d9d9\">"
		"zero page</span><span style=\"background:#9fd3ec\">swap"
		" (x: exclusive bit)</span><span style=\"background:#fff\">"
		"none</span><span style=\"border:3px solid #1d3557\">"
		"changed</span>%s</p></header>\n<main>\n<ol id=\"stmts\">\n",
		fs->n,
		fs->nbe > 1 ? "<span style=\"border:3px solid #d00000\">"
			      "model and kernel disagree</span>" :
			      "");
	fprintf(f, "<li data-frame=\"0\" value=\"0\">(start)</li>\n");
	for (i = 0, k = 1; i < n; i++) {
		bool ran = k < fs->n &&
			   fs->v[k].line == sim_scenario_stmt_line(sc, i);

		if (ran)
			fprintf(f, "<li data-frame=\"%u\" value=\"%d\"%s>", k,
				sim_scenario_stmt_line(sc, i),
				fs->v[k].failed ? " class=\"fail\"" : "");
		else
			fprintf(f, "<li class=\"notrun\" value=\"%d\">",
				sim_scenario_stmt_line(sc, i));
		esc(f, sim_scenario_stmt(sc, i));
		fprintf(f, "</li>\n");
		if (ran)
			k++;
	}
	fprintf(f, "</ol>\n<section id=\"view\">\n");
	for (k = 0; k < fs->n; k++) {
		fprintf(f,
			"<div class=\"frame\" id=\"f%u\" data-line=\"%d\">\n"
			"<p><b>",
			k, fs->v[k].line);
		if (k)
			fprintf(f, "%d: ", fs->v[k].line);
		esc(f, k ? fs->v[k].stmt : "before the first statement");
		fprintf(f, "</b></p>\n");
		sim_render_svg(f, fs, k, 1);
		fprintf(f, "<pre class=\"out\">");
		out_text(f, fs->v[k].text);
		fprintf(f, "</pre>\n</div>\n");
	}
	fprintf(f,
		"</section>\n</main>\n<script>%s</script>\n</body>\n"
		"</html>\n",
		page_js);
}
