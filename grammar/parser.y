/*
 * parser.y — Pacta's grammar (docs/language.md), text to AST.
 *
 * A pure bison parser with byte-offset locations.  Every action is one
 * constructor call (the b_* functions at the end of this file, which only
 * build nodes); names are resolved and everything is checked later, in
 * compiler/check.c.  An article header and a clause are separate items: each
 * clause joins the last article above it when the file is checked.
 */
%require "3.7"
%define api.pure full
%define api.prefix {pgr_yy}
%define api.location.type {loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {void *scanner}
%parse-param {struct pstate *ps}

%code requires {
#include "pactac.h"
#include "parse_state.h"
}

%code provides {
int pgr_yylex(PGR_YYSTYPE *lval, loc *lloc, void *scanner);
struct lex_state *pgr_yyget_extra(void *scanner);
}

%code {
#include <ctype.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#define YYLLOC_DEFAULT(cur, rhs, n)                                   \
	do {                                                          \
		if (n) {                                              \
			(cur).start = YYRHSLOC(rhs, 1).start;         \
			(cur).end = YYRHSLOC(rhs, n).end;             \
		} else {                                              \
			(cur).start = (cur).end = YYRHSLOC(rhs, 0).end; \
		}                                                     \
	} while (0)
/* Deep nesting is refused by the checker with a clear message; the parser
 * itself only needs room for it. */
#define YYMAXDEPTH (1u << 24)

static void pgr_yyerror(loc *l, void *scanner, struct pstate *ps, const char *msg);
static struct arena *AR(struct pstate *ps);
static span SP(struct pstate *ps, loc l);

static void b_item(struct pstate *ps, decl *d);
static decl *b_agreement(struct pstate *ps, loc at, loc tat, const char *title);
static decl *b_hdr(struct pstate *ps, decl *d, int what, loc at, const char *s, vec *v, int64_t n);
static decl *b_import(struct pstate *ps, loc at, loc pat, const char *path, int is_path);
static const char *b_dotted(struct pstate *ps, const char *a, const char *b);
static decl *b_enum(struct pstate *ps, loc at, loc nat, const char *name, vec *members);
static vec *b_list(struct pstate *ps, vec *v, void *item);
static binding *b_name(struct pstate *ps, loc at, const char *name, expr *value);
static decl *b_define(struct pstate *ps, loc at, loc nat, const char *name, typeref *ty, expr *value);
static typeref *b_type(struct pstate *ps, loc at, int kind, const char *enum_name);
static decl *b_table(struct pstate *ps, loc at, loc nat, const char *name, typeref *key, typeref *val, vec *entries);
static decl *b_request(struct pstate *ps, loc at, vec *fields);
static decl *b_field(struct pstate *ps, loc at, const char *name, typeref *ty, expr *def);
static decl *b_obligation(struct pstate *ps, loc at, loc nat, const char *name, decl *o);
static decl *b_oblig_type(struct pstate *ps, typeref *ty, loc cat, const char *combine);
static decl *b_oblig_on(struct pstate *ps, decl *o, vec *outcomes);
static decl *b_oblig_by(struct pstate *ps, decl *o, loc at, const char *who);
static decl *b_oblig_desc(struct pstate *ps, decl *o, const char *text);
static decl *b_deposited(struct pstate *ps, loc at, int kind, loc pat, const char *party, loc lat, const char *label, const char *title);
static decl *b_clause_text(struct pstate *ps, decl *c, loc at, const char *text);
static decl *b_article(struct pstate *ps, loc at, loc lat, const char *label, const char *title, const char *text);
static decl *b_clause(struct pstate *ps, loc at, loc lat, const char *label, const char *title);
static decl *b_window(struct pstate *ps, decl *c, int sunset, loc at, int64_t day);
static decl *b_rules(struct pstate *ps, decl *c, rule *r);
static rule *b_rule(struct pstate *ps, loc at, int action, expr **conds, const char *because);
static rule *b_oblige(struct pstate *ps, loc at, loc nat, const char *name, expr *value, expr **conds);
static rule *b_exempts(struct pstate *ps, loc at, vec *labels, expr **conds);
static expr **b_conds(struct pstate *ps, expr *when, expr *unless);
static label_ref *b_label(struct pstate *ps, loc at, const char *label);
static decl *b_fixture(struct pstate *ps, loc at, loc nat, const char *name, vec *given);
static decl *b_test(struct pstate *ps, loc at, loc nat, const char *name, vec *given, decl *expect);
static decl *b_expect(struct pstate *ps, loc at, int outcome, int by, vec *labels, vec *disc, vec *with);
static expr *b_e(struct pstate *ps, loc at, int kind, expr *a, expr *b, expr *c);
static expr *b_lit(struct pstate *ps, loc at, int kind, int64_t v, int unit);
static expr *b_ename(struct pstate *ps, loc at, const char *name, expr *key);
static expr *b_set(struct pstate *ps, loc at, vec *elems);
static decl *b_assert(struct pstate *ps, loc at, loc nat, const char *name, loc wat, const char *word, expr *prop);
static expr *b_outcome(struct pstate *ps, loc at, int mask);
static expr *b_fact(struct pstate *ps, loc at, int kind, int ground, const char *name);
}

%union {
	struct { int64_t v; const char *text; } num;
	const char *str;
	int i;
	expr *e;
	expr **conds;
	decl *d;
	rule *r;
	vec *v;
	binding *b;
	label_ref *l;
	typeref *t;
}

%token END 0 "end of file"
/* The keywords, from "agreement" to "years" (lex_is_keyword counts on it) */
%token AGREEMENT "agreement" VERSION "version" PARTIES "parties"
%token EFFECTIVE "effective" EXPIRES "expires" DEFAULT "default" SUMMARY "summary"
%token IMPORT "import" ENUM "enum" DEFINE "define" TABLE "table"
%token REQUEST "request" OBLIGATION "obligation" COMBINE "combine"
%token ARTICLE "article" TEXT "text" CLAUSE "clause" FROM "from"
%token SUNSET "sunset" REFUSE "refuse" REFER "refer" GRANT "grant"
%token OBLIGE "oblige" EXEMPTS "exempts" WHEN "when" UNLESS "unless"
%token BECAUSE "because" FIXTURE "fixture" TEST "test" GIVEN "given"
%token EXPECT "expect" BY "by" WITH "with"
%token MAY "may" RESERVATION "reservation" DECLARATION "declaration" ON "on"
%token DISCRETIONARY "discretionary"
%token ASSERT "assert" RECIPROCAL "reciprocal"
%token IMPLIES "implies" OUTCOME "outcome" GROUNDED_BY "grounded_by"
%token EXEMPTED "exempted" FIRED "fired" IMPOSED "imposed"
%token AND "and" OR "or" NOT "not" IN "in" NOTIN "not in"
%token OVERLAPS "overlaps" WITHIN "within" IF "if" THEN "then" ELSE "else"
%token TRUE "true" FALSE "false" SET "set" OF "of"
%token KW_BOOL "bool" KW_INT "int" KW_DATE "date"
%token DAYS "days" WEEKS "weeks" YEARS "years"
%token ARROW "->" NE "!=" LE "<=" GE ">="
%token <num> NUMBER "number" DATELIT "date literal"
%token <str> IDENT "identifier" LABEL "label" STRING "string"
%token <str> TEXTBLOCK "text block"
%token COMMENT "comment"   /* only for the formatter; never reaches the grammar */

%type <d> item agreement import enum define table request field obligation
%type <d> article clause clause_head fixture test expect oblig_type oblig_on oblig_by oblig_tail assert
%type <t> typ opt_type
%type <str> dotted label opt_title opt_text opt_because
%type <v> idents opt_members members entries fields labels givens opt_given
%type <v> withs opt_with set_elems on_items opt_disc
%type <b> entry given with_item on_item
%type <r> rule
%type <conds> conds
%type <e> expr opt_expr opt_when opt_unless opt_default
%type <i> outcome unit outcomes
%type <l> label_ref

%precedence ELSE
%right IMPLIES
%left OR
%left AND
%precedence NOT
%left '=' NE '<' LE '>' GE IN NOTIN OVERLAPS WITHIN
%left '|'
%left '&'
%left '+' '-'

%%

file
	: %empty
	| file item             { b_item(ps, $2); }
	| file error
	;

item
	: agreement | import | enum | define | table | request | obligation
	| article | clause | fixture | test | assert
	;

/* agreement "title" [version "v"] [parties A, B] [effective D] [expires D]
 *   [default O [because "reason"]] [summary by F, ...] [text """..."""] */
agreement
	: AGREEMENT STRING                  { $$ = b_agreement(ps, @$, @2, $2); }
	| agreement VERSION STRING          { $$ = b_hdr(ps, $1, VERSION, @2, $3, NULL, 0); }
	| agreement PARTIES idents          { $$ = b_hdr(ps, $1, PARTIES, @2, NULL, $3, 0); }
	| agreement EFFECTIVE DATELIT       { $$ = b_hdr(ps, $1, EFFECTIVE, @3, NULL, NULL, $3.v); }
	| agreement EXPIRES DATELIT         { $$ = b_hdr(ps, $1, EXPIRES, @3, NULL, NULL, $3.v); }
	| agreement DEFAULT outcome         { $$ = b_hdr(ps, $1, DEFAULT, @3, NULL, NULL, $3); }
	| agreement DEFAULT outcome BECAUSE STRING
	                                    { $$ = b_hdr(ps, $1, DEFAULT, @3, $5, NULL, $3); }
	| agreement SUMMARY BY idents       { $$ = b_hdr(ps, $1, SUMMARY, @2, NULL, $4, 0); }
	| agreement TEXT TEXTBLOCK          { $$ = b_hdr(ps, $1, TEXT, @2, $3, NULL, 0); }
	| agreement TEXT STRING             { $$ = b_hdr(ps, $1, TEXT, @2, $3, NULL, 0); }
	;

outcome
	: GRANT                 { $$ = PO_GRANT; }
	| REFER                 { $$ = PO_REFER; }
	| REFUSE                { $$ = PO_REFUSE; }
	;

idents
	: IDENT                 { $$ = b_list(ps, NULL, b_name(ps, @1, $1, NULL)); }
	| idents ',' IDENT      { $$ = b_list(ps, $1, b_name(ps, @3, $3, NULL)); }
	;

/* import std.mla | import "file.pacta" */
import
	: IMPORT dotted         { $$ = b_import(ps, @$, @2, $2, 0); }
	| IMPORT STRING         { $$ = b_import(ps, @$, @2, $2, 1); }
	;

dotted
	: IDENT                 { $$ = $1; }
	| dotted '.' IDENT      { $$ = b_dotted(ps, $1, $3); }
	;

/* enum name { a, b, c } */
enum
	: ENUM IDENT '{' opt_members '}'   { $$ = b_enum(ps, @$, @2, $2, $4); }
	;

opt_members
	: %empty                { $$ = b_list(ps, NULL, NULL); }
	| members               { $$ = $1; }
	| members ','           { $$ = $1; }
	;

members
	: IDENT                 { $$ = b_list(ps, NULL, b_name(ps, @1, $1, NULL)); }
	| members ',' IDENT     { $$ = b_list(ps, $1, b_name(ps, @3, $3, NULL)); }
	;

/* define name [: type] = expr */
define
	: DEFINE IDENT opt_type '=' expr   { $$ = b_define(ps, @$, @2, $2, $3, $5); }
	;

opt_type
	: %empty                { $$ = NULL; }
	| ':' typ               { $$ = $2; }
	;

typ
	: KW_BOOL               { $$ = b_type(ps, @$, PK_BOOL, NULL); }
	| KW_INT                { $$ = b_type(ps, @$, PK_INT, NULL); }
	| KW_DATE               { $$ = b_type(ps, @$, PK_DATE, NULL); }
	| DAYS                  { $$ = b_type(ps, @$, PK_DAYS, NULL); }
	| YEARS                 { $$ = b_type(ps, @$, PK_YEARS, NULL); }
	| IDENT                 { $$ = b_type(ps, @$, PK_ENUM, $1); }
	| SET OF IDENT          { $$ = b_type(ps, @$, PK_SET, $3); }
	;

/* table name: K -> V { key: expr ... _: expr } */
table
	: TABLE IDENT ':' typ ARROW typ '{' entries '}'
	                        { $$ = b_table(ps, @$, @2, $2, $4, $6, $8); }
	;

entries
	: %empty                { $$ = b_list(ps, NULL, NULL); }
	| entries entry         { $$ = b_list(ps, $1, $2); }
	| entries ','           { $$ = $1; }
	;

entry
	: IDENT ':' expr        { $$ = b_name(ps, @1, $1, $3); }
	;

/* request { field: type [= default] ... } */
request
	: REQUEST '{' fields '}'   { $$ = b_request(ps, @1, $3); }
	;

fields
	: %empty                { $$ = b_list(ps, NULL, NULL); }
	| fields field          { $$ = b_list(ps, $1, $2); }
	| fields ','            { $$ = $1; }
	;

field
	: IDENT ':' typ opt_default   { $$ = b_field(ps, @1, $1, $3, $4); }
	;

opt_default
	: %empty                { $$ = NULL; }
	| '=' expr              { $$ = $2; }
	;

/* obligation name [: type combine op] [on O, ...] [by requesting|requested]
 *   ["description"] */
obligation
	: OBLIGATION IDENT oblig_tail   { $$ = b_obligation(ps, @$, @2, $2, $3); }
	;

oblig_tail
	: oblig_by              { $$ = $1; }
	| oblig_by STRING       { $$ = b_oblig_desc(ps, $1, $2); }
	;

oblig_by
	: oblig_on              { $$ = $1; }
	| oblig_on BY IDENT     { $$ = b_oblig_by(ps, $1, @3, $3); }
	;

oblig_on
	: oblig_type            { $$ = $1; }
	| oblig_type ON on_items   { $$ = b_oblig_on(ps, $1, $3); }
	;

oblig_type
	: %empty                { $$ = b_oblig_type(ps, NULL, @$, NULL); }
	| ':' typ COMBINE IDENT { $$ = b_oblig_type(ps, $2, @4, $4); }
	;

on_items
	: on_item               { $$ = b_list(ps, NULL, $1); }
	| on_items ',' on_item  { $$ = b_list(ps, $1, $3); }
	;

/* an outcome, or a word the checker reports as not one */
on_item
	: GRANT                 { $$ = b_name(ps, @1, "grant", NULL); }
	| REFER                 { $$ = b_name(ps, @1, "refer", NULL); }
	| REFUSE                { $$ = b_name(ps, @1, "refuse", NULL); }
	| IDENT                 { $$ = b_name(ps, @1, $1, NULL); }
	;

/* article LABEL ["title"] [text """..."""] */
article
	: ARTICLE label opt_title opt_text   { $$ = b_article(ps, @1, @2, $2, $3, $4); }
	;

label
	: LABEL                 { $$ = $1; }
	| NUMBER                { $$ = $1.text; }
	| IDENT                 { $$ = $1; }
	;

opt_title
	: %empty                { $$ = NULL; }
	| STRING                { $$ = $1; }
	;

opt_text
	: %empty                { $$ = NULL; }
	| TEXT TEXTBLOCK        { $$ = $2; }
	| TEXT STRING           { $$ = $2; }
	;

/* clause LABEL ["title"] [from D] [sunset D] rule...
 * reservation PARTY LABEL ["title"] [from D] [sunset D] [text """..."""] rule...
 * declaration PARTY LABEL ["title"] [from D] [sunset D] [text """..."""] rule... */
clause
	: clause_head rule      { $$ = b_rules(ps, $1, $2); }
	| clause rule           { $$ = b_rules(ps, $1, $2); }
	;

clause_head
	: CLAUSE label opt_title   { $$ = b_clause(ps, @1, @2, $2, $3); }
	| RESERVATION IDENT label opt_title
	                        { $$ = b_deposited(ps, @1, CK_RESERVATION, @2, $2, @3, $3, $4); }
	| DECLARATION IDENT label opt_title
	                        { $$ = b_deposited(ps, @1, CK_DECLARATION, @2, $2, @3, $3, $4); }
	| clause_head FROM DATELIT   { $$ = b_window(ps, $1, 0, @3, $3.v); }
	| clause_head SUNSET DATELIT { $$ = b_window(ps, $1, 1, @3, $3.v); }
	| clause_head TEXT TEXTBLOCK { $$ = b_clause_text(ps, $1, @2, $3); }
	| clause_head TEXT STRING    { $$ = b_clause_text(ps, $1, @2, $3); }
	;

rule
	: REFUSE conds opt_because   { $$ = b_rule(ps, @1, PA_REFUSE, $2, $3); }
	| REFER conds opt_because    { $$ = b_rule(ps, @1, PA_REFER, $2, $3); }
	| GRANT conds opt_because    { $$ = b_rule(ps, @1, PA_GRANT, $2, $3); }
	| MAY REFUSE conds opt_because  { $$ = b_rule(ps, @1, PA_MAY_REFUSE, $3, $4); }
	| OBLIGE IDENT opt_expr conds   { $$ = b_oblige(ps, @1, @2, $2, $3, $4); }
	| EXEMPTS labels conds       { $$ = b_exempts(ps, @1, $2, $3); }
	;

opt_expr
	: %empty                { $$ = NULL; }
	| expr                  { $$ = $1; }
	;

conds
	: opt_when opt_unless   { $$ = b_conds(ps, $1, $2); }
	;

opt_when
	: %empty                { $$ = NULL; }
	| WHEN expr             { $$ = $2; }
	;

opt_unless
	: %empty                { $$ = NULL; }
	| UNLESS expr           { $$ = $2; }
	;

opt_because
	: %empty                { $$ = NULL; }
	| BECAUSE STRING        { $$ = $2; }
	;

labels
	: label_ref             { $$ = b_list(ps, NULL, $1); }
	| labels ',' label_ref  { $$ = b_list(ps, $1, $3); }
	;

label_ref
	: label                 { $$ = b_label(ps, @1, $1); }
	;

/* fixture name given f = v, ... */
fixture
	: FIXTURE IDENT GIVEN givens   { $$ = b_fixture(ps, @$, @2, $2, $4); }
	;

givens
	: given                 { $$ = b_list(ps, NULL, $1); }
	| givens ',' given      { $$ = b_list(ps, $1, $3); }
	;

given
	: IDENT                 { $$ = b_name(ps, @1, $1, NULL); }
	| IDENT '=' expr        { $$ = b_name(ps, @1, $1, $3); }
	;

/* test "name" [given ...] expect OUTCOME [by ...] [discretionary ...] [with ...] */
test
	: TEST STRING opt_given expect   { $$ = b_test(ps, @1, @2, $2, $3, $4); }
	;

opt_given
	: %empty                { $$ = b_list(ps, NULL, NULL); }
	| GIVEN givens          { $$ = $2; }
	;

expect
	: EXPECT outcome opt_disc opt_with              { $$ = b_expect(ps, @2, $2, EXPECT_ANY, NULL, $3, $4); }
	| EXPECT outcome BY labels opt_disc opt_with    { $$ = b_expect(ps, @2, $2, EXPECT_LABELS, $4, $5, $6); }
	| EXPECT outcome BY DEFAULT opt_disc opt_with   { $$ = b_expect(ps, @2, $2, EXPECT_DEFAULT, NULL, $5, $6); }
	| EXPECT outcome BY AGREEMENT opt_disc opt_with { $$ = b_expect(ps, @2, $2, EXPECT_AGREEMENT, NULL, $5, $6); }
	;

opt_disc
	: %empty                { $$ = NULL; }
	| DISCRETIONARY labels  { $$ = $2; }
	;

opt_with
	: %empty                { $$ = b_list(ps, NULL, NULL); }
	| WITH withs            { $$ = $2; }
	;

withs
	: with_item             { $$ = b_list(ps, NULL, $1); }
	| withs ',' with_item   { $$ = b_list(ps, $1, $3); }
	;

with_item
	: IDENT                 { $$ = b_name(ps, @1, $1, NULL); }
	| IDENT expr            { $$ = b_name(ps, @1, $1, $2); }
	;

/* assert "name" always P | assert "name" never P | assert reciprocal
 * (`always` and `never` are words the checker reads, not keywords) */
assert
	: ASSERT STRING IDENT expr    { $$ = b_assert(ps, @1, @2, $2, @3, $3, $4); }
	| ASSERT RECIPROCAL           { $$ = b_assert(ps, @1, @2, NULL, @2, NULL, NULL); }
	;

/* outcomes as bits, for `outcome in {grant, refer}` */
outcomes
	: outcome               { $$ = 1 << $1; }
	| outcomes ',' outcome  { $$ = $1 | 1 << $3; }
	;

/* Expressions, loosest first: if, implies, or, and, not, comparisons, |, &,
 * + -, [ ].  The decision's facts (outcome, grounded_by, ...) are
 * expressions too; the checker allows them only in an assert. */
expr
	: NUMBER                { $$ = b_lit(ps, @$, E_INT, $1.v, 0); }
	| NUMBER unit           { $$ = b_lit(ps, @$, E_DUR, $1.v, $2); }
	| DATELIT               { $$ = b_lit(ps, @$, E_DATE, $1.v, 0); }
	| TRUE                  { $$ = b_lit(ps, @$, E_BOOL, 1, 0); }
	| FALSE                 { $$ = b_lit(ps, @$, E_BOOL, 0, 0); }
	| IDENT                 { $$ = b_ename(ps, @$, $1, NULL); }
	| IDENT '[' expr ']'    { $$ = b_ename(ps, @$, $1, $3); }
	| '{' '}'               { $$ = b_set(ps, @$, NULL); }
	| '{' set_elems '}'     { $$ = b_set(ps, @$, $2); }
	| '(' expr ')'          { $$ = $2; $$->paren = 1; }
	| NOT expr              { $$ = b_e(ps, @$, E_NOT, $2, NULL, NULL); }
	| expr AND expr         { $$ = b_e(ps, @$, E_AND, $1, $3, NULL); }
	| expr OR expr          { $$ = b_e(ps, @$, E_OR, $1, $3, NULL); }
	| expr IMPLIES expr     { $$ = b_e(ps, @$, E_IMPLIES, $1, $3, NULL); }
	| OUTCOME '=' outcome   { $$ = b_outcome(ps, @$, 1 << $3); }
	| OUTCOME NE outcome    { $$ = b_outcome(ps, @$, 7 & ~(1 << $3)); }
	| OUTCOME IN '{' outcomes '}'     { $$ = b_outcome(ps, @$, $4); }
	| OUTCOME NOTIN '{' outcomes '}'  { $$ = b_outcome(ps, @$, 7 & ~$4); }
	| GROUNDED_BY label     { $$ = b_fact(ps, @$, E_GROUNDED, PG_CLAUSES, $2); }
	| GROUNDED_BY DEFAULT   { $$ = b_fact(ps, @$, E_GROUNDED, PG_DEFAULT, "default"); }
	| GROUNDED_BY AGREEMENT { $$ = b_fact(ps, @$, E_GROUNDED, PG_AGREEMENT, "agreement"); }
	| DISCRETIONARY label   { $$ = b_fact(ps, @$, E_DISCRETIONARY, 0, $2); }
	| EXEMPTED label        { $$ = b_fact(ps, @$, E_EXEMPTED, 0, $2); }
	| FIRED label           { $$ = b_fact(ps, @$, E_FIRED, 0, $2); }
	| IMPOSED IDENT         { $$ = b_fact(ps, @$, E_IMPOSED, 0, $2); }
	| IF expr THEN expr ELSE expr   { $$ = b_e(ps, @$, E_IF, $2, $4, $6); }
	| expr '=' expr         { $$ = b_e(ps, @$, E_EQ, $1, $3, NULL); }
	| expr NE expr          { $$ = b_e(ps, @$, E_NE, $1, $3, NULL); }
	| expr '<' expr         { $$ = b_e(ps, @$, E_LT, $1, $3, NULL); }
	| expr LE expr          { $$ = b_e(ps, @$, E_LE, $1, $3, NULL); }
	| expr '>' expr         { $$ = b_e(ps, @$, E_GT, $1, $3, NULL); }
	| expr GE expr          { $$ = b_e(ps, @$, E_GE, $1, $3, NULL); }
	| expr IN expr          { $$ = b_e(ps, @$, E_IN, $1, $3, NULL); }
	| expr NOTIN expr       { $$ = b_e(ps, @$, E_NOTIN, $1, $3, NULL); }
	| expr OVERLAPS expr    { $$ = b_e(ps, @$, E_OVERLAPS, $1, $3, NULL); }
	| expr WITHIN expr      { $$ = b_e(ps, @$, E_WITHIN, $1, $3, NULL); }
	| expr '|' expr         { $$ = b_e(ps, @$, E_UNION, $1, $3, NULL); }
	| expr '&' expr         { $$ = b_e(ps, @$, E_INTER, $1, $3, NULL); }
	| expr '+' expr         { $$ = b_e(ps, @$, E_ADD, $1, $3, NULL); }
	| expr '-' expr         { $$ = b_e(ps, @$, E_SUB, $1, $3, NULL); }
	;

unit
	: DAYS                  { $$ = U_DAYS; }
	| WEEKS                 { $$ = U_WEEKS; }
	| YEARS                 { $$ = U_YEARS; }
	;

set_elems
	: expr                  { $$ = b_list(ps, NULL, $1); }
	| set_elems ',' expr    { $$ = b_list(ps, $1, $3); }
	;

%%

static span SP(struct pstate *ps, loc l)
{
	span s = { ps->file, l.start, l.end };
	return s;
}

static void pgr_yyerror(loc *l, void *scanner, struct pstate *ps, const char *msg)
{
	(void)scanner;
	diag_error(ps->prog->dg, SP(ps, *l), "%s", msg);
}

/* A token as a message names it: keywords and punctuation quoted as source
 * text ('clause', '->'), classes of tokens plain (identifier, number), with
 * their text when it is short (identifier 'becuase'). */
static const char *token_text(struct pstate *ps, yysymbol_kind_t k, const loc *at)
{
	const char *n = yysymbol_name(k);
	switch (k) {
	case YYSYMBOL_IDENT: case YYSYMBOL_NUMBER: case YYSYMBOL_LABEL:
		if (at && at->end > at->start && at->end - at->start <= 40)
			return arena_printf(AR(ps), "%s '%.*s'", n, (int)(at->end - at->start),
			                    ps->file->text + at->start);
		return n;
	case YYSYMBOL_DATELIT: case YYSYMBOL_STRING: case YYSYMBOL_TEXTBLOCK:
	case YYSYMBOL_YYEOF:
		return n;
	case YYSYMBOL_YYUNDEF:
		return "invalid token";
	default:
		if (n[0] == '\'' || n[0] == '"')
			n = arena_printf(AR(ps), "%.*s", (int)strlen(n) - 2, n + 1);
		return arena_printf(AR(ps), "'%s'", n);
	}
}

/* What may come next, in words: tokens of a kind that are all expected
 * are named by their kind ("an expression", "a rule"), the others listed. */
static const struct tgroup {
	const char *name;
	const char *tok[17];    /* as token_text names them */
} tgroups[] = {
	{ "an expression", { "'not'", "'if'", "'true'", "'false'", "number", "date literal",
	                     "identifier", "'{'", "'('" } },
	{ "an operator", { "'and'", "'or'", "'='", "'!='", "'<'", "'<='", "'>'", "'>='", "'in'",
	                   "'not in'", "'overlaps'", "'within'", "'|'", "'&'", "'+'", "'-'", "'implies'" } },
	{ "a rule", { "'refuse'", "'refer'", "'grant'", "'oblige'", "'exempts'", "'may'" } },
	{ "a declaration", { "'agreement'", "'import'", "'enum'", "'define'", "'table'", "'request'",
	                     "'obligation'", "'article'", "'clause'", "'reservation'", "'declaration'",
	                     "'fixture'", "'test'", "'assert'" } },
};
#define NGROUPS (sizeof tgroups / sizeof tgroups[0])

static int has_sym(const yysymbol_kind_t *exp, int n, yysymbol_kind_t k)
{
	for (int i = 0; i < n; i++)
		if (exp[i] == k)
			return 1;
	return 0;
}

/* Whether a token of that name ("','", "'='") is among the expected. */
static int has_named(const yysymbol_kind_t *exp, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(yysymbol_name(exp[i]), name))
			return 1;
	return 0;
}

/* The group a token belongs to when the whole group is expected, or -1. */
static int full_group(const char *const *names, int n, const char *name)
{
	for (size_t g = 0; g < NGROUPS; g++) {
		int member = 0, all = 1;
		for (int j = 0; j < 17 && tgroups[g].tok[j]; j++) {
			int found = 0;
			for (int i = 0; i < n && !found; i++)
				found = !strcmp(names[i], tgroups[g].tok[j]);
			all &= found;
			member |= !strcmp(name, tgroups[g].tok[j]);
		}
		if (member && all)
			return (int)g;
	}
	return -1;
}

static char *expected_text(struct pstate *ps, const yysymbol_kind_t *exp, int n)
{
	enum { MAXLIST = 8 };
	const char *names[YYNTOKENS], *words[YYNTOKENS];
	int nw = 0, gdone[NGROUPS] = { 0 };
	for (int i = 0; i < n; i++)
		names[i] = token_text(ps, exp[i], NULL);
	for (int i = 0; i < n; i++) {
		int g = full_group(names, n, names[i]);
		if (g < 0)
			words[nw++] = names[i];
		else if (!gdone[g]++)
			words[nw++] = tgroups[g].name;
	}
	/* what is nearest first: expressions and operators, single tokens,
	 * rules, declarations, the end of the file */
	int rank[YYNTOKENS];
	for (int i = 0; i < nw; i++) {
		const char *w = words[i];
		rank[i] = !strcmp(w, "an expression") || !strcmp(w, "an operator") ? 0
		        : !strcmp(w, "a rule") ? 2 : !strcmp(w, "a declaration") ? 3
		        : !strcmp(w, "end of file") ? 4 : 1;
	}
	for (int i = 1; i < nw; i++)   /* stable insertion sort by rank */
		for (int j = i; j > 0 && rank[j - 1] > rank[j]; j--) {
			int r = rank[j]; rank[j] = rank[j - 1]; rank[j - 1] = r;
			const char *w = words[j]; words[j] = words[j - 1]; words[j - 1] = w;
		}
	char *out = arena_printf(AR(ps), "expected ");
	for (int i = 0; i < nw && i < MAXLIST; i++)
		out = arena_printf(AR(ps), "%s%s%s", out, i == 0 ? "" : i == nw - 1 && nw <= MAXLIST ? " or " : ", ",
		                   words[i]);
	if (nw > MAXLIST)
		out = arena_printf(AR(ps), "%s, ...", out);
	return out;
}

static int starts_expr(yysymbol_kind_t k)
{
	const char *n = yysymbol_name(k);
	return k == YYSYMBOL_IDENT || k == YYSYMBOL_NUMBER || k == YYSYMBOL_DATELIT || k == YYSYMBOL_NOT ||
	       k == YYSYMBOL_IF || k == YYSYMBOL_TRUE || k == YYSYMBOL_FALSE || !strcmp(n, "'{'") ||
	       !strcmp(n, "'('");
}

/* A number written in words ("ninety", "five"): its value, or -1. */
static long number_word(const char *s, size_t n)
{
	static const char *const small[] = {
		"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty",
	};
	static const struct { const char *w; long v; } tens[] = {
		{ "thirty", 30 }, { "forty", 40 }, { "fifty", 50 }, { "sixty", 60 }, { "seventy", 70 },
		{ "eighty", 80 }, { "ninety", 90 }, { "hundred", 100 }, { "thousand", 1000 },
	};
	for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
		if (strlen(small[i]) == n && !strncasecmp(small[i], s, n))
			return (long)i;
	for (size_t i = 0; i < sizeof tens / sizeof tens[0]; i++)
		if (strlen(tens[i].w) == n && !strncasecmp(tens[i].w, s, n))
			return tens[i].v;
	return -1;
}

/* Whether the file declares a define named by the n bytes at s (a number
 * word a drafter defined is the drafter's). */
static int defined_name(struct pstate *ps, const char *s, size_t n)
{
	for (size_t i = 0; i < ps->prog->decls.len; i++) {
		const decl *d = ps->prog->decls.items[i];
		if (d->kind == D_DEFINE && d->name && strlen(d->name) == n && !strncmp(d->name, s, n))
			return 1;
	}
	return 0;
}

/* Words drafters write for units that Pacta does not have. */
static int unit_like(const char *s, size_t n)
{
	static const char *const words[] = {
		"month", "months", "hour", "hours", "minute", "minutes", "second", "seconds",
		"decade", "decades", "century", "centuries", "fortnight", "fortnights", "d", "w",
		"y", "m", "yr", "yrs", "wk", "wks", "mo", "mos", "h", "calendar", "business",
		"working", "annum", "jours", "mois", "ans", "semaines",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && !strncasecmp(words[i], s, n))
			return 1;
	return 0;
}

/* A text block just before the error whose closing """ stands after
 * `text` on its line: that was another block's opening, and the block
 * ran on through the declarations between.  The line of that `text`, or
 * 0. */
static uint32_t unclosed_text_block(struct pstate *ps, const struct lex_state *ls)
{
	if (ls->prev.kind != TEXTBLOCK || ls->prev.end < ls->prev.start + 6)
		return 0;
	const char *t = ps->file->text;
	uint32_t close = ls->prev.end - 3, b = close;
	while (b > ls->prev.start && t[b - 1] != '\n')
		b--;
	while (b < close && (t[b] == ' ' || t[b] == '\t'))
		b++;
	if (close - b < 4 || strncmp(t + b, "text", 4) != 0)
		return 0;
	for (uint32_t i = b + 4; i < close; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return 0;
	uint32_t line, col;
	span_linecol((span){ ps->file, close, close + 3 }, &line, &col);
	return line;
}

/* The letters just before `start`, blanks between: their first byte in
 * *w and their count (0 when none end there, *w then after the blanks). */
static uint32_t prev_word(const char *text, uint32_t start, uint32_t *w)
{
	uint32_t b = start;
	while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
		b--;
	for (*w = b; *w > 0 && isalpha((unsigned char)text[*w - 1]); (*w)--)
		;
	return b - *w;
}

/* Whether the word before `start` (blanks between) is `word`, and not
 * the end of a longer name (`sub_in`); a `word` of "," asks for a comma
 * there. */
static int word_before(const char *text, uint32_t start, const char *word)
{
	uint32_t w, n = prev_word(text, start, &w);
	if (!strcmp(word, ","))
		return !n && w > 0 && text[w - 1] == ',';
	return n == strlen(word) && !strncmp(text + w, word, n)
	       && (w == 0 || !(isalnum((unsigned char)text[w - 1]) || text[w - 1] == '_'));
}

/* Whether a clause's label is written at `start`: after `exempts`, `by`
 * (a test's grounds), or a comma in a list of them. */
static int names_label(const char *text, uint32_t start)
{
	return word_before(text, start, ",") || word_before(text, start, "exempts") || word_before(text, start, "by");
}

/* The first byte at or after p that is not a space or a tab. */
static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The type written for the request field, obligation or define `name`
 * declared earlier in the file, or NULL (declared later, or imported: the
 * parser has not seen it). */
static int typed_as(const decl *d, const char *name, size_t n)
{
	return (d->kind == D_FIELD || d->kind == D_OBLIGATION || d->kind == D_DEFINE) && d->has_type &&
	       d->name && strlen(d->name) == n && !strncmp(d->name, name, n);
}

static const typeref *type_written(struct pstate *ps, const char *name, size_t n)
{
	for (size_t i = 0; i < ps->prog->decls.len; i++) {
		const decl *d = ps->prog->decls.items[i];
		if (typed_as(d, name, n))
			return &d->tref;
		for (size_t j = 0; d->kind == D_REQUEST && j < d->fields.len; j++)
			if (typed_as(d->fields.items[j], name, n))
				return &((const decl *)d->fields.items[j])->tref;
	}
	return NULL;
}

/* The name just before byte `before` on its line, past an operator
 * (`channel = `, `max_penalty >= `, `oblige retain_at_most `): in *n its
 * length, 0 when there is none. */
static const char *name_before(struct pstate *ps, uint32_t before, size_t *n)
{
	const char *t = ps->file->text;
	uint32_t e = before;
	while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	while (e > 0 && strchr("=<>!+-", t[e - 1]))
		e--;
	while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	uint32_t b = e;
	while (b > 0 && (isalnum((unsigned char)t[b - 1]) || t[b - 1] == '_'))
		b--;
	*n = b < e && !isdigit((unsigned char)t[b]) ? e - b : 0;
	return t + b;
}

/* Whether the enum of the field (obligation, define) before the operator
 * ending at `before` has the member `word`. */
static int member_of_field(struct pstate *ps, uint32_t before, const char *word, size_t nw)
{
	size_t nf;
	const char *field = name_before(ps, before, &nf);
	const typeref *ty = nf ? type_written(ps, field, nf) : NULL;
	const char *en = ty && ty->kind == PK_ENUM ? ty->name : NULL;
	for (size_t i = 0; en && i < ps->prog->decls.len; i++) {
		const decl *d = ps->prog->decls.items[i];
		if (d->kind != D_ENUM || strcmp(d->name, en))
			continue;
		for (size_t j = 0; j < d->members.len; j++) {
			const binding *b = d->members.items[j];
			if (strlen(b->name) == nw && !strncmp(b->name, word, nw))
				return 1;
		}
	}
	return 0;
}

/* 0.25: digits, a dot, digits */
static int decimal(const char *s, size_t n)
{
	size_t i = 0, dot = 0;
	for (; i < n && (isdigit((unsigned char)s[i]) || (s[i] == '.' && !dot++)); i++)
		;
	return i == n && dot == 1 && s[0] != '.' && s[n - 1] != '.';
}

/* days, Week: the units Pacta has, in any case */
static int unit_word(const char *s, size_t n)
{
	static const char *const units[] = { "days", "day", "weeks", "week", "years", "year" };
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strlen(units[i]) == n && !strncasecmp(units[i], s, n))
			return 1;
	return 0;
}

/* The units that fit where a duration stands at byte `at`, said of what
 * it is for ("'retain_at_most' is a number of days, written in days or
 * weeks"), or of both kinds when the parser has not seen that. */
static const char *units_that_fit(struct pstate *ps, uint32_t at)
{
	size_t n;
	const char *name = name_before(ps, at, &n);
	const typeref *ty = n ? type_written(ps, name, n) : NULL;
	int kind = ty ? ty->kind : -1;
	if (n == 4 && !strncmp(name, "days", 4))           /* `retention: days = ` */
		kind = PK_DAYS, n = 0;
	else if (n == 5 && !strncmp(name, "years", 5))
		kind = PK_YEARS, n = 0;
	switch (kind) {
	case PK_DATE:
		return "a date moves by a number of days, written in days or weeks";
	case PK_DAYS:
		return n ? arena_printf(AR(ps), "'%.*s' is a number of days, written in days or weeks", (int)n, name)
		         : "a number of days is written in days or weeks";
	case PK_YEARS:
		return n ? arena_printf(AR(ps), "'%.*s' is a number of years, written in years", (int)n, name)
		         : "a number of years is written in years";
	default:
		return "a number of days is written in days or weeks, a number of years in years";
	}
}

/* A string where a value goes.  The quotes come off for certain when
 * what is inside is a date, true or false, or a member of the enum of
 * the field before '=' (when the parser has seen both); else a word on
 * how values are written. */
static void quoted_value(struct pstate *ps, const struct lex_state *ls, span where, const char *text, int len,
                         const char *ex)
{
	diag *dg = ps->prog->dg;
	const char *in = text + 1;
	size_t n = len >= 2 && text[0] == '"' && text[len - 1] == '"' ? (size_t)len - 2 : 0;
	int64_t day;
	if (n && lp_date_parse(in, n, &day) == 0) {
		diag_error(dg, where, "a date is written without quotes: write '%.*s'", (int)n, in);
		diag_fix(dg, where, arena_strndup(AR(ps), in, n));
		return;
	}
	if ((n == 4 && !strncmp(in, "true", 4)) || (n == 5 && !strncmp(in, "false", 5))) {
		diag_error(dg, where, "a bool is written without quotes: write '%.*s'", (int)n, in);
		diag_fix(dg, where, arena_strndup(AR(ps), in, n));
		return;
	}
	size_t w = 0;
	while (w < n && (isalnum((unsigned char)in[w]) || in[w] == '_'))
		w++;
	if (n && w == n && !isdigit((unsigned char)in[0])) {
		/* the field: the name before '=' or '!=' */
		const char *t = ps->file->text;
		int eq = ls->prev.end && t[ls->prev.end - 1] == '=' && (ls->prev.end == ls->prev.start + 1 ||
		         (ls->prev.end == ls->prev.start + 2 && t[ls->prev.start] == '!'));
		if (eq && member_of_field(ps, ls->prev.end, in, n)) {
			diag_error(dg, where, "an enum member is written without quotes: write '%.*s'", (int)n, in);
			diag_fix(dg, where, arena_strndup(AR(ps), in, n));
		} else {
			diag_error(dg, where, "syntax error: unexpected string, %s (an enum member is written without "
			           "quotes: '%.*s')", ex, (int)n, in);
		}
		return;
	}
	char why[96];
	lp_date_why(in, n, why, sizeof why);
	if (why[0]) {   /* "2026-13-01" */
		diag_error(dg, where, "a date is written without quotes, and '%.*s' is no date: %s", (int)n, in, why);
		return;
	}
	diag_error(dg, where, "syntax error: unexpected string, %s (Pacta has no text values: an enum member, "
	           "a date and true or false are written without quotes)", ex);
}

/* "1 January 2026", "1st Jan. 2026", "January 1, 2026": a date in words at
 * t, in English; its YYYY-MM-DD in iso (16 bytes) and the bytes it took,
 * or 0 when it is none (or no such day). */
static size_t date_in_words(const char *t, char *iso)
{
	static const char *const months[] = { "january", "february", "march", "april", "may", "june", "july",
	                                      "august", "september", "october", "november", "december" };
	const char *p = t;
	int day = 0, month = 0, year = 0;
	for (int part = 0; part < 3; part++) {
		if (part)
			while (*p == ' ' || *p == '\t' || (*p == ',' && part == 2))
				p++;
		if (isdigit((unsigned char)*p)) {
			const char *d = p;
			int v = 0;
			while (isdigit((unsigned char)*p) && p - d < 4)
				v = v * 10 + (*p++ - '0');
			if (p - d == 4 && part == 2)
				year = v;
			else if (p - d <= 2 && !day && part < 2)
				day = v;
			else
				return 0;
			if (part < 2 && (!strncasecmp(p, "st", 2) || !strncasecmp(p, "nd", 2) || !strncasecmp(p, "rd", 2)
			                 || !strncasecmp(p, "th", 2)))
				p += 2;
			if (part < 2 && *p == ',')
				p++;
		} else if (isalpha((unsigned char)*p) && part < 2 && !month) {
			size_t w = 0;
			while (isalpha((unsigned char)p[w]))
				w++;
			for (int m = 0; m < 12 && !month; m++)
				if ((w == strlen(months[m]) || (w == 3 && strlen(months[m]) > 3)) && !strncasecmp(p, months[m], w))
					month = m + 1;
			if (!month)
				return 0;
			p += w;
			if (*p == '.')
				p++;
		} else {
			return 0;
		}
	}
	if (!day || !month || !year || isalnum((unsigned char)*p))
		return 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (day > mdays[month - 1] || (month == 2 && day == 29 && !leap))
		return 0;
	snprintf(iso, 16, "%04d-%02d-%02d", year, month, day);
	return (size_t)(p - t);
}

/* "syntax error: unexpected 'when', expected identifier" — with what was
 * expected in words, and for the mistakes drafters make most often a
 * message of their own that names the fix. */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, struct pstate *ps)
{
	yysymbol_kind_t all[YYNTOKENS], exp[YYNTOKENS];
	int na = yypcontext_expected_tokens(ctx, all, YYNTOKENS), n = 0, in_expr = 0;
	/* the decision's facts start expressions only an assert may hold:
	 * naming them wherever an expression is expected says nothing */
	for (int i = 0; i < na; i++)
		in_expr |= all[i] == YYSYMBOL_OUTCOME;
	for (int i = 0; i < na; i++)
		if (!in_expr || (all[i] != YYSYMBOL_OUTCOME && all[i] != YYSYMBOL_GROUNDED_BY &&
		                 all[i] != YYSYMBOL_DISCRETIONARY && all[i] != YYSYMBOL_EXEMPTED &&
		                 all[i] != YYSYMBOL_FIRED && all[i] != YYSYMBOL_IMPOSED))
			exp[n++] = all[i];
	yysymbol_kind_t got = yypcontext_token(ctx);
	const loc *at = yypcontext_location(ctx);
	span where = SP(ps, *at);
	diag *dg = ps->prog->dg;
	struct lex_state *ls = pgr_yyget_extra(scanner);
	const char *text = ps->file->text + at->start;
	int len = (int)(at->end - at->start);
	const char *ex = n > 0 ? expected_text(ps, exp, n) : "expected nothing more";

	/* a text block without its end: said, and the rest of the file is
	 * its text, so whatever the parser finds wrong after it is no news */
	if (ls->tb_unterminated && !ps->probing)
		return 0;
	if (ps->probing) {   /* completion asks what may come here */
		if (!ps->probe_done && at->start >= ps->probe_at) {
			ps->probe_done = 1;
			for (int i = 0; i < n && ps->probe_n < ps->probe_max; i++) {
				const char *nm = yysymbol_name(exp[i]);
				if (nm[0] == '"' || nm[0] == '\'')
					nm = arena_strndup(AR(ps), nm + 1, strlen(nm) - 2);
				ps->probe_out[ps->probe_n++] = nm;
			}
		}
		return 0;
	}

	/* because "the so-called "persecution" clause": a straight quote
	 * inside the string ended it, and the next word came right after */
	if (ls->prev.kind == STRING && got != YYSYMBOL_YYEOF && at->start == ls->prev.end &&
	    ls->prev.end > ls->prev.start && ps->file->text[ls->prev.end - 1] == '"') {
		span quote = { ps->file, ls->prev.end - 1, ls->prev.end };
		uint32_t ql, qc;
		span_linecol(quote, &ql, &qc);
		diag_error(dg, where, "syntax error: unexpected %s: the string before it ends at the '\"' of column %u "
		           "(a double quote inside a string is written \\\")", token_text(ps, got, at), qc);
		diag_note(dg, quote, "the string ends here");
		return 0;
	}
	/* 6 months: a unit Pacta does not have, or in capitals */
	if (got == YYSYMBOL_IDENT && ls->prev.kind == NUMBER) {
		static const char *const units[] = { "days", "day", "weeks", "week", "years", "year" };
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
			if ((int)strlen(units[i]) == len && !strncasecmp(units[i], text, (size_t)len)) {
				diag_error(dg, where, "units are written in lower case: write '%s'", units[i]);
				diag_fix(dg, where, units[i]);
				return 0;
			}
		}
		if (unit_like(text, (size_t)len)) {
			diag_error(dg, where, "'%.*s' is not a unit: %s", len, text, units_that_fit(ps, ls->prev.start));
			return 0;
		}
	}
	/* 0.25 years, 1.5 days: a fraction, read as a label */
	if (got == YYSYMBOL_LABEL && decimal(text, (size_t)len)) {
		const char *u = skip_blanks(text + len);
		size_t ul = 0;
		while (isalpha((unsigned char)u[ul]))
			ul++;
		if (ul && (unit_like(u, ul) || unit_word(u, ul))) {
			span all = { ps->file, at->start, (uint32_t)(u + ul - ps->file->text) };
			diag_error(dg, all, "a duration is a whole number, and '%.*s' is not one: %s", (int)(u + ul - text),
			           text, units_that_fit(ps, at->start));
			return 0;
		}
	}
	/* offence notin {...}, x is y: the words of other languages for
	 * Pacta's operators */
	if (got == YYSYMBOL_IDENT && has_sym(exp, n, YYSYMBOL_IN)) {
		static const char *const words[][2] = {
			{ "notin", "not in" }, { "not_in", "not in" }, { "is", "=" }, { "equals", "=" },
			{ "isnt", "!=" }, { "isnot", "!=" }, { "is_not", "!=" },
		};
		/* "is not", "is in": the two words, one operator */
		const char *after = skip_blanks(text + len);
		size_t w = 0;
		while (isalnum((unsigned char)after[w]) || after[w] == '_')
			w++;
		int is_not = w == 3 && !strncmp(after, "not", 3), is_in = w == 2 && !strncmp(after, "in", 2);
		if (len == 2 && !strncasecmp(text, "is", 2) && (is_not || is_in)) {
			span both = { ps->file, at->start, (uint32_t)(after + w - ps->file->text) };
			diag_error(dg, both, "'is %s' is not an operator: write %s", is_not ? "not" : "in",
			           is_not ? "'!=' (or 'not in' for a member of a set)" : "'in'");
			diag_fix(dg, both, is_not ? "!=" : "in");
			return 0;
		}
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
			if ((int)strlen(words[i][0]) != len || strncasecmp(words[i][0], text, (size_t)len))
				continue;
			diag_error(dg, where, "'%.*s' is not an operator: write '%s'%s", len, text, words[i][1],
			           words[i][1][0] == '=' ? " (or 'in' for a member of a set)" : "");
			diag_fix(dg, where, words[i][1]);
			return 0;
		}
	}
	/* clause 14(6): a treaty's paragraph in parentheses, where a label
	 * writes it after a dot */
	if (!strcmp(yysymbol_name(got), "'('") && (ls->prev.kind == LABEL || ls->prev.kind == NUMBER)
	    && (has_sym(exp, n, YYSYMBOL_TEXT) || names_label(ps->file->text, ls->prev.start))
	    && at->start == ls->prev.end) {
		const char *t = ps->file->text;
		uint32_t e = at->start;
		char fixed[128];
		size_t k = 0;
		int ok = ls->prev.end - ls->prev.start < sizeof fixed / 2;
		for (uint32_t i = ls->prev.start; ok && i < ls->prev.end; i++)
			fixed[k++] = t[i];
		/* (6)(a): each part in parentheses after a dot */
		while (ok && t[e] == '(') {
			uint32_t j = e + 1;
			while (isalnum((unsigned char)t[j]))
				j++;
			if (t[j] != ')' || j == e + 1 || k + (j - e) + 1 >= sizeof fixed) {
				ok = 0;
				break;
			}
			fixed[k++] = '.';
			memcpy(fixed + k, t + e + 1, j - e - 1);
			k += j - e - 1;
			e = j + 1;
		}
		if (ok) {
			fixed[k] = 0;
			span all = { ps->file, ls->prev.start, e };
			diag_error(dg, all, "a label writes a paragraph after a dot, not in parentheses: write '%s'", fixed);
			diag_fix(dg, all, arena_strndup(AR(ps), fixed, k));
			return 0;
		}
	}
	/* a clause, reservation or declaration that ends before its first
	 * rule: each has at least one */
	if (got == YYSYMBOL_YYEOF || got == YYSYMBOL_CLAUSE || got == YYSYMBOL_ARTICLE
	    || got == YYSYMBOL_RESERVATION || got == YYSYMBOL_DECLARATION || got == YYSYMBOL_TEST) {
		if (has_sym(exp, n, YYSYMBOL_REFUSE) && has_sym(exp, n, YYSYMBOL_SUNSET)) {
			diag_error(dg, where, "syntax error: unexpected %s, but the clause, reservation or declaration "
			           "before it has no rule: each holds at least one (refuse, refer, grant, may refuse, "
			           "oblige or exempts); words with no effect on decisions, such as an interpretive "
			           "declaration, go in a comment or in an article's text", token_text(ps, got, at));
			return 0;
		}
	}
	/* reservation R1 "...": the Party it is of comes first */
	if (got == YYSYMBOL_STRING && ls->prev.kind == IDENT && has_sym(exp, n, YYSYMBOL_LABEL)) {
		const char *t = ps->file->text, *kind = word_before(t, ls->prev.start, "reservation") ? "reservation"
		                                       : word_before(t, ls->prev.start, "declaration") ? "declaration" : NULL;
		int ln = (int)(ls->prev.end - ls->prev.start), party = 0;
		for (size_t i = 0; kind && i < ps->prog->decls.len && !party; i++) {
			const decl *d = ps->prog->decls.items[i];
			for (size_t j = 0; d->kind == D_AGREEMENT && j < d->hdr.parties.len && !party; j++) {
				const binding *pb = d->hdr.parties.items[j];
				party = (int)strlen(pb->name) == ln && !strncmp(pb->name, t + ls->prev.start, (size_t)ln);
			}
		}
		if (kind && party) {
			diag_error(dg, where, "syntax error: a %s names the Party that makes it, then its label: write "
			           "'%s %.*s LABEL \"...\"' (such as '%s %.*s R1')", kind, kind, ln, t + ls->prev.start, kind,
			           ln, t + ls->prev.start);
			return 0;
		}
		if (kind) {
			diag_error(dg, where, "syntax error: a %s names the Party that makes it, then its label: write "
			           "'%s PARTY %.*s \"...\"' (such as '%s XA %.*s')", kind, kind, ln, t + ls->prev.start, kind,
			           ln, t + ls->prev.start);
			return 0;
		}
	}
	/* may not refuse: no rule forbids a refusal */
	if (got == YYSYMBOL_NOT && ls->prev.kind == MAY) {
		diag_error(dg, where, "syntax error: 'may not refuse' is no rule: a ground the text forbids (\"shall not be "
		           "refused solely because ...\") is an exemption of the clauses that would refuse ('exempts "
		           "LABEL when ...'), promised with an assert ('never ... and outcome = refuse')");
		return 0;
	}
	/* a test with no 'expect', found at the next test */
	if ((got == YYSYMBOL_TEST || got == YYSYMBOL_YYEOF || got == YYSYMBOL_FIXTURE) && has_sym(exp, n, YYSYMBOL_EXPECT)
	    && !has_sym(exp, n, YYSYMBOL_REFUSE)) {
		diag_error(dg, where, "syntax error: unexpected %s: the test before it has no 'expect' (each test ends "
		           "with the outcome it expects: 'expect grant', 'expect refuse by LABEL', ...)",
		           token_text(ps, got, at));
		return 0;
	}
	/* one hundred days: a number of several words, found at its second */
	if (got == YYSYMBOL_IDENT && ls->prev.kind == IDENT && number_word(text, (size_t)len) >= 0
	    && number_word(ps->file->text + ls->prev.start, ls->prev.end - ls->prev.start) >= 0
	    && !defined_name(ps, text, (size_t)len)
	    && !defined_name(ps, ps->file->text + ls->prev.start, ls->prev.end - ls->prev.start)) {
		const char *t = ps->file->text, *p = text + len, *unit = "";
		int ul = 0;
		for (;;) {
			const char *q = skip_blanks(p);
			size_t wl = 0;
			while (isalpha((unsigned char)q[wl]))
				wl++;
			if (wl && (number_word(q, wl) >= 0 || (wl == 3 && !strncmp(q, "and", 3)))) {
				p = q + wl;
			} else {
				if (wl && unit_word(q, wl))
					unit = q, ul = (int)wl, p = q + wl;
				break;
			}
		}
		char lower[8] = "";   /* a unit word is at most 5 letters */
		for (int i = 0; i < ul; i++)
			lower[i] = (char)tolower((unsigned char)unit[i]);
		span all = { ps->file, ls->prev.start, (uint32_t)(p - t) };
		diag_error(dg, all, "syntax error: a number is written in digits, such as '25%s%s'", ul ? " " : "", lower);
		return 0;
	}
	/* ninety days, five years: a number is written in digits */
	if ((got == YYSYMBOL_DAYS || got == YYSYMBOL_YEARS || got == YYSYMBOL_WEEKS) && ls->prev.kind == IDENT) {
		const char *t = ps->file->text;
		uint32_t pn = ls->prev.end - ls->prev.start;
		long v = number_word(t + ls->prev.start, pn);
		/* "twenty-five", "one hundred": in words too, but not one that
		 * a fix of the last word alone would mend; a define of that
		 * name is the drafter's */
		uint32_t w, nw = prev_word(t, ls->prev.start, &w);
		int compound = (!nw && w > 0 && t[w - 1] == '-') || (nw && number_word(t + w, nw) >= 0);
		int defined = defined_name(ps, t + ls->prev.start, pn);
		if (v >= 0 && compound && !defined) {
			diag_error(dg, where, "syntax error: a number is written in digits, such as '25 %.*s'", len, text);
			return 0;
		}
		if (v >= 0 && !defined) {
			span all = { ps->file, ls->prev.start, at->end };
			char *fixed = arena_printf(AR(ps), "%ld %.*s", v, len, text);
			diag_error(dg, all, "a number is written in digits: write '%s'", fixed);
			diag_fix(dg, all, fixed);
			return 0;
		}
	}
	/* offence in (a, b): a set is written in braces */
	if (!strcmp(yysymbol_name(got), "','") && ls->nopen && ls->nopen <= LEX_OPEN
	    && ls->open_ch[ls->nopen - 1] == '(') {
		const char *t = ps->file->text;
		uint32_t o = ls->open_at[ls->nopen - 1], c = o;
		while (t[c] && t[c] != ')' && t[c] != '\n' && (c == o || t[c] != '('))
			c++;   /* the matching ')': none with another '(' inside */
		if (word_before(t, o, "in") && t[c] == ')') {
			span all = { ps->file, o, c + 1 };
			diag_error(dg, all, "syntax error: a set is written in braces: write '{%.*s}'", (int)(c - o - 1),
			           t + o + 1);
			diag_fix(dg, all, arena_printf(AR(ps), "{%.*s}", (int)(c - o - 1), t + o + 1));
			ls->nopen--;
			return 0;
		}
	}
	/* oblige X under an article, before its first clause: a rule is a
	 * clause's (or a reservation's or declaration's) */
	if ((got == YYSYMBOL_REFUSE || got == YYSYMBOL_REFER || got == YYSYMBOL_GRANT || got == YYSYMBOL_OBLIGE
	     || got == YYSYMBOL_EXEMPTS || (got == YYSYMBOL_MAY && ls->prev.kind != EXPECT))
	    && has_sym(exp, n, YYSYMBOL_CLAUSE) && !has_sym(exp, n, YYSYMBOL_REFUSE)) {
		diag_error(dg, where, "syntax error: a rule belongs to a clause, and this '%.*s' has none: write "
		           "'clause LABEL \"TITLE\"' on the line before it", len, text);
		return 0;
	}
	/* expect may refuse: a test expects the outcome, and a 'may refuse'
	 * that fired makes it a referral */
	if (got == YYSYMBOL_MAY && ls->prev.kind == EXPECT) {
		/* "may refuse by L": the fix names L */
		const char *p = skip_blanks(text + len), *lab = NULL;
		size_t lablen = 0;
		if (!strncmp(p, "refuse", 6)) {
			p = skip_blanks(p + 6);
			if (!strncmp(p, "by", 2) && (p[2] == ' ' || p[2] == '\t')) {
				lab = p = skip_blanks(p + 2);
				while (isalnum((unsigned char)lab[lablen]) || lab[lablen] == '_' || lab[lablen] == '.')
					lablen++;
				while (lablen && lab[lablen - 1] == '.')
					lablen--;
			}
		}
		if (lablen) {
			span all = { ps->file, at->start, (uint32_t)(lab + lablen - ps->file->text) };
			diag_error(dg, all, "a test expects an outcome, and a 'may refuse' that fires makes it 'refer': "
			           "write 'expect refer by %.*s discretionary %.*s'", (int)lablen, lab, (int)lablen, lab);
			diag_fix(dg, all, arena_printf(AR(ps), "refer by %.*s discretionary %.*s", (int)lablen, lab,
			                               (int)lablen, lab));
		} else {
			diag_error(dg, where, "a test expects an outcome, and a 'may refuse' that fires makes it "
			           "'refer': write 'expect refer by LABEL discretionary LABEL'");
		}
		return 0;
	}
	/* a test, as drafters write one: "expect: refuse", "expect refuse
	 * because 3.2", "by clause 3.2", "offence: fraud", "given ordinary
	 * and offence = fraud" */
	if (!strcmp(yysymbol_name(got), "':'") && ls->prev.kind == EXPECT) {
		diag_error(dg, where, "syntax error: the outcome follows 'expect' without a colon: write 'expect "
		           "grant', 'expect refuse by LABEL', ...");
		diag_fix(dg, where, text[len] == ' ' || text[len] == '\t' ? "" : " ");   /* expect:refuse */
		return 0;
	}
	if (got == YYSYMBOL_BECAUSE && has_sym(exp, n, YYSYMBOL_BY) && has_sym(exp, n, YYSYMBOL_DISCRETIONARY)) {
		const char *after = skip_blanks(text + len);
		int an = (int)strcspn(after, "\n#");
		while (an > 0 && (after[an - 1] == ' ' || after[an - 1] == '\t'))
			an--;
		if (*after == '"' || !an) {   /* a reason: the test has none to give */
			span all = { ps->file, at->start, (uint32_t)(after + an - ps->file->text) };
			diag_error(dg, all, "syntax error: a test gives no reason: it expects an outcome, and 'by' the "
			           "clauses that decide it ('expect %.*s by LABEL')", (int)(ls->prev.end - ls->prev.start),
			           ps->file->text + ls->prev.start);
			diag_fix(dg, (span){ ps->file, ls->prev.end, all.end }, "");
			return 0;
		}
		diag_error(dg, where, "syntax error: a test names the clauses that decide after 'by', and gives no "
		           "reason: write 'expect %.*s by %.*s'", (int)(ls->prev.end - ls->prev.start),
		           ps->file->text + ls->prev.start, an, after);
		diag_fix(dg, where, "by");
		return 0;
	}
	if (got == YYSYMBOL_CLAUSE && (ls->prev.kind == BY || ls->prev.kind == EXEMPTS)) {
		uint32_t end = at->end;
		while (ps->file->text[end] == ' ' || ps->file->text[end] == '\t')
			end++;
		const char *w = ls->prev.kind == BY ? "by" : "exempts";
		size_t ln = strcspn(ps->file->text + end, " \t\n,#");
		diag_error(dg, where, "syntax error: the labels follow '%s' without the word 'clause': write '%s %s'",
		           w, w, ln ? arena_strndup(AR(ps), ps->file->text + end, ln) : "LABEL");
		diag_fix(dg, (span){ ps->file, at->start, end }, "");
		return 0;
	}
	if (!strcmp(yysymbol_name(got), "':'") && ls->prev.kind == IDENT && has_sym(exp, n, YYSYMBOL_EXPECT)
	    && has_named(exp, n, "'='")) {
		span colon = { ps->file, ls->prev.end, at->end };
		diag_error(dg, where, "syntax error: a test gives a field its value with '=': write '%.*s ='",
		           (int)(ls->prev.end - ls->prev.start), ps->file->text + ls->prev.start);
		diag_fix(dg, colon, " =");
		return 0;
	}
	if (got == YYSYMBOL_AND && has_sym(exp, n, YYSYMBOL_EXPECT) && has_named(exp, n, "','")) {
		span and = { ps->file, ls->prev.end, at->end };
		diag_error(dg, where, "syntax error: the values a test gives are separated by commas: write ','");
		diag_fix(dg, and, ",");
		return 0;
	}
	/* text: bool, define from = ...: a keyword where a name is declared */
	if (got >= YYSYMBOL_AGREEMENT && got <= YYSYMBOL_YEARS && has_sym(exp, n, YYSYMBOL_IDENT)) {
		const char *after = skip_blanks(text + len);
		if (*after == ':' || (*after == '=' && after[1] != '=')) {
			diag_error(dg, where, "'%.*s' is a keyword of the language and cannot be a name: choose another "
			           "(such as '%.*s_')", len, text, len, text);
			return 0;
		}
	}
	/* shall refuse, must grant: a rule states what the agreement requires
	 * by its verb alone */
	if (got == YYSYMBOL_IDENT && has_sym(exp, n, YYSYMBOL_REFUSE)) {
		static const char *const modal[] = { "shall", "must", "will", "should" };
		for (size_t i = 0; i < sizeof modal / sizeof modal[0]; i++) {
			if ((int)strlen(modal[i]) != len || strncasecmp(modal[i], text, (size_t)len))
				continue;
			diag_error(dg, where, "a rule needs no '%.*s': 'refuse', 'refer' and 'grant' say what the "
			           "agreement requires (write 'may refuse' where the Party may choose)", len, text);
			uint32_t end = at->end;
			while (ps->file->text[end] == ' ' || ps->file->text[end] == '\t')
				end++;
			span word = { ps->file, at->start, end };
			diag_fix(dg, word, "");
			return 0;
		}
	}
	/* becuase, claus, efective: a keyword that could stand here, misspelt */
	if (got == YYSYMBOL_IDENT) {
		lp_suggest sg;
		char *word = arena_strndup(AR(ps), text, (size_t)len);
		lp_suggest_init(&sg, word);
		for (int i = 0; i < n; i++)
			if (exp[i] >= YYSYMBOL_AGREEMENT && exp[i] <= YYSYMBOL_YEARS && exp[i] != YYSYMBOL_NOTIN) {
				const char *kw = yysymbol_name(exp[i]);
				if (kw[0] == '"' || kw[0] == '\'')
					kw = arena_strndup(AR(ps), kw + 1, strlen(kw) - 2);
				lp_suggest_add(&sg, kw);
			}
		if (sg.best) {
			diag_error(dg, where, "syntax error: unexpected identifier '%s': did you mean '%s'?", word, sg.best);
			if (lp_suggest_certain(&sg) != LP_GUESS)
				diag_fix(dg, where, sg.best);
			return 0;
		}
	}
	/* refuse X: the condition needs its `when` */
	if (starts_expr(got) && has_sym(exp, n, YYSYMBOL_WHEN) && !has_sym(exp, n, got)) {
		const char *verb = NULL;
		switch (ls->prev.kind) {
		case REFUSE: verb = word_before(ps->file->text, ls->prev.start, "may") ? "may refuse" : "refuse"; break;
		case REFER: verb = "refer"; break;
		case GRANT: verb = "grant"; break;
		default: break;
		}
		/* refuse if X: 'if' is an if-then-else value; the condition
		 * takes 'when' in its place */
		if (got == YYSYMBOL_IF) {
			const char *c = skip_blanks(text + len);
			int cn = 0;
			while (c[cn] && c[cn] != '\n' && cn < 40)
				cn++;
			diag_error(dg, where, "syntax error: a rule's condition follows 'when', not 'if': write '%s%swhen "
			           "%.*s%s'", verb ? verb : "", verb ? " " : "", cn, c, c[cn] && c[cn] != '\n' ? "..." : "");
			diag_fix(dg, where, "when");
			return 0;
		}
		if (verb)
			diag_error(dg, where, "syntax error: a condition follows 'when': write '%s when %.*s'", verb,
			           len, text);
		else
			diag_error(dg, where, "syntax error: a condition follows 'when': write 'when %.*s'", len, text);
		span ins = { ps->file, at->start, at->start };
		diag_fix(dg, ins, "when ");
		return 0;
	}
	/* refuse when X "reason": the reason needs its `because` */
	if (got == YYSYMBOL_STRING && has_sym(exp, n, YYSYMBOL_BECAUSE)) {
		diag_error(dg, where, "syntax error: a reason follows 'because': write 'because \"...\"'");
		span ins = { ps->file, at->start, at->start };
		diag_fix(dg, ins, "because ");
		return 0;
	}
	/* channel = "point_of_contact", submitted = "2026-06-01": a value
	 * in quotes, where Pacta has no text values */
	if (got == YYSYMBOL_STRING && has_sym(exp, n, YYSYMBOL_DATELIT)) {
		quoted_value(ps, ls, where, text, len, ex);
		return 0;
	}
	/* 1.2.2025: a date in another format, read as a label */
	if (got == YYSYMBOL_LABEL && has_sym(exp, n, YYSYMBOL_DATELIT)) {
		char iso[32], alt[32];
		int sure = lex_date_reading(text, (size_t)len, iso, alt);
		if (sure > 0) {
			diag_error(dg, where, "dates are written YYYY-MM-DD: write '%s'", iso);
			diag_fix(dg, where, iso);
			return 0;
		}
		if (sure == 0) {
			diag_error(dg, where, "dates are written YYYY-MM-DD: '%.*s' is %s or %s", len, text, iso, alt);
			return 0;
		}
	}
	/* effective 1 January 2026, expires January 1, 2026: a date in words */
	if ((got == YYSYMBOL_NUMBER || got == YYSYMBOL_IDENT) && has_sym(exp, n, YYSYMBOL_DATELIT)) {
		char iso[16];
		size_t took = date_in_words(text, iso);
		if (took) {
			span all = { ps->file, at->start, at->start + (uint32_t)took };
			diag_error(dg, all, "dates are written YYYY-MM-DD: write '%s'", iso);
			diag_fix(dg, all, iso);
			return 0;
		}
	}
	/* refuse because "..." when X: the condition before the reason */
	if ((got == YYSYMBOL_WHEN || got == YYSYMBOL_UNLESS) && ls->prev.kind == STRING
	    && word_before(ps->file->text, ls->prev.start, "because")) {
		diag_error(dg, where, "syntax error: '%.*s' comes before 'because': the condition, then the reason "
		           "(refuse when ... because \"...\")", len, text);
		return 0;
	}
	/* reservation 7.9.a XB: the Party first, then the label */
	if ((got == YYSYMBOL_LABEL || got == YYSYMBOL_NUMBER)
	    && (word_before(ps->file->text, at->start, "reservation")
	        || word_before(ps->file->text, at->start, "declaration"))) {
		const char *after = skip_blanks(text + len);
		size_t w = 0;
		while (isalnum((unsigned char)after[w]) || after[w] == '_')
			w++;
		uint32_t kw, nk = prev_word(ps->file->text, at->start, &kw);
		/* the word after is the Party, unless it is what follows a
		 * label (reservation 7.9.a from 2026-01-01: no Party at all) */
		static const char *const after_label[] = { "from", "sunset", "text", "grant", "refer", "refuse",
		                                           "may", "oblige", "exempts", "when", "unless", "because" };
		int party = w && isalpha((unsigned char)after[0]);
		for (size_t i = 0; party && i < sizeof after_label / sizeof *after_label; i++)
			party = !(strlen(after_label[i]) == w && !strncmp(after, after_label[i], w));
		if (party) {
			span both = { ps->file, at->start, (uint32_t)(after + w - ps->file->text) };
			diag_error(dg, both, "syntax error: the Party comes before the label: write '%.*s %.*s %.*s'",
			           (int)nk, ps->file->text + kw, (int)w, after, len, text);
			diag_fix(dg, both, arena_printf(AR(ps), "%.*s %.*s", (int)w, after, len, text));
		} else {
			diag_error(dg, where, "syntax error: the Party comes before the label: write '%.*s PARTY %.*s'",
			           (int)nk, ps->file->text + kw, len, text);
		}
		return 0;
	}
	char *msg = arena_printf(AR(ps), "syntax error: unexpected %s, %s", token_text(ps, got, at), ex);
	/* `because` where it cannot go gets a word of explanation */
	/* a bracket opened on an earlier line and never closed: the error
	 * is where the parser noticed, the mistake where it opened (said
	 * once: taken off the brackets open) */
	span open = { 0 };
	if (ls->nopen && ls->nopen <= LEX_OPEN) {
		uint32_t o = ls->open_at[ls->nopen - 1], ol, oc, el, ec;
		span at = { ps->file, o, o + 1 };
		span_linecol(at, &ol, &oc);
		span_linecol(where, &el, &ec);
		if (ol < el)
			open = at;
	}
	if (got == YYSYMBOL_BECAUSE && !open.file)
		msg = arena_printf(AR(ps), "%s ('because' gives the reason of a refuse, may refuse, refer or grant rule, right after its conditions)", msg);
	/* the mistake is a text block's missing end, where it opened: said
	 * there first, and what the parser met after it as a note */
	uint32_t ran_to = open.file ? 0 : unclosed_text_block(ps, ls);
	if (ran_to) {
		span tb = { ps->file, ls->prev.start, ls->prev.start + 3 };
		diag_error(dg, tb, "this text block's closing \"\"\" is missing: it runs on to the `text \"\"\"` of "
		           "line %u, another block's opening, and what follows that is read as the agreement", ran_to);
		diag_note(dg, where, "where reading it as the agreement failed (%s)", msg);
		ls->tb_ran_on = 1;
		return 0;
	}
	diag_error(dg, where, "%s", msg);
	if (open.file) {
		diag_note(dg, open, "the '%c' opened here is not closed", ls->open_ch[ls->nopen - 1]);
		ls->nopen--;
	}
	return 0;
}

static struct arena *AR(struct pstate *ps)
{
	return ps->prog->ar;
}

static void b_item(struct pstate *ps, decl *d)
{
	vec_push(AR(ps), &ps->prog->decls, d);
}

static decl *b_agreement(struct pstate *ps, loc at, loc tat, const char *title)
{
	decl *d = ast_decl(AR(ps), D_AGREEMENT, SP(ps, at));
	d->title = title;
	d->name = title;
	d->name_at = SP(ps, tat);
	d->hdr.default_outcome = PO_REFUSE;
	return d;
}

/* One header attribute; a repeated one is kept in `repeated` for the
 * checker to report. */
static decl *b_hdr(struct pstate *ps, decl *d, int what, loc at, const char *s, vec *v, int64_t n)
{
	header *h = &d->hdr;
	int seen = 0;
	switch (what) {
	case VERSION:
		seen = h->version != NULL;
		h->version = s;
		break;
	case PARTIES:
		seen = h->parties.len > 0;
		h->parties = *v;
		break;
	case EFFECTIVE:
		seen = h->has_effective;
		h->has_effective = 1;
		h->effective = n;
		h->effective_at = SP(ps, at);
		break;
	case EXPIRES:
		seen = h->has_expires;
		h->has_expires = 1;
		h->expires = n;
		h->expires_at = SP(ps, at);
		break;
	case DEFAULT:
		seen = h->has_default;
		h->has_default = 1;
		h->default_outcome = (uint8_t)n;
		h->default_at = SP(ps, at);
		h->default_reason = s;
		break;
	case TEXT:
		seen = h->text != NULL;
		h->text = s;
		break;
	case SUMMARY:
		seen = h->summary.len > 0;
		h->summary = *v;
		break;
	}
	static const char *const names[] = { "version", "parties", "effective", "expires", "default", "text",
	                                     "summary" };
	int wi = what == VERSION ? 0 : what == PARTIES ? 1 : what == EFFECTIVE ? 2 : what == EXPIRES ? 3
	       : what == DEFAULT ? 4 : what == TEXT ? 5 : 6;
	if (seen)
		vec_push(AR(ps), &d->repeated, b_name(ps, at, names[wi], NULL));
	return d;
}

static decl *b_import(struct pstate *ps, loc at, loc pat, const char *path, int is_path)
{
	decl *d = ast_decl(AR(ps), D_IMPORT, SP(ps, at));
	d->name = path;
	d->name_at = SP(ps, pat);
	d->import_is_path = is_path;
	return d;
}

static const char *b_dotted(struct pstate *ps, const char *a, const char *b)
{
	char *s = arena_printf(AR(ps), "%s.%s", a, b);
	return intern(ps->prog->names, s, strlen(s));
}

static decl *b_enum(struct pstate *ps, loc at, loc nat, const char *name, vec *members)
{
	decl *d = ast_decl(AR(ps), D_ENUM, SP(ps, at));
	d->name = name;
	d->name_at = SP(ps, nat);
	d->members = *members;
	return d;
}

static vec *b_list(struct pstate *ps, vec *v, void *item)
{
	if (!v)
		v = arena_alloc(AR(ps), sizeof *v);
	if (item)
		vec_push(AR(ps), v, item);
	return v;
}

static binding *b_name(struct pstate *ps, loc at, const char *name, expr *value)
{
	binding *b = arena_alloc(AR(ps), sizeof *b);
	b->name = name;
	b->at = SP(ps, at);
	b->value = value;
	return b;
}

static typeref *b_type(struct pstate *ps, loc at, int kind, const char *enum_name)
{
	typeref *t = arena_alloc(AR(ps), sizeof *t);
	t->kind = (uint8_t)kind;
	t->name = enum_name;
	t->at = SP(ps, at);
	return t;
}

static void set_type(decl *d, const typeref *t)
{
	d->has_type = 1;
	d->tref = *t;
}

static decl *b_define(struct pstate *ps, loc at, loc nat, const char *name, typeref *ty, expr *value)
{
	decl *d = ast_decl(AR(ps), D_DEFINE, SP(ps, at));
	d->name = name;
	d->name_at = SP(ps, nat);
	if (ty)
		set_type(d, ty);
	d->value = value;
	return d;
}

static decl *b_table(struct pstate *ps, loc at, loc nat, const char *name, typeref *key, typeref *val, vec *entries)
{
	decl *d = ast_decl(AR(ps), D_TABLE, SP(ps, at));
	d->name = name;
	d->name_at = SP(ps, nat);
	d->key_ref = *key;
	set_type(d, val);
	d->entries = *entries;
	return d;
}

static decl *b_request(struct pstate *ps, loc at, vec *fields)
{
	decl *d = ast_decl(AR(ps), D_REQUEST, SP(ps, at));
	d->fields = *fields;
	return d;
}

static decl *b_field(struct pstate *ps, loc at, const char *name, typeref *ty, expr *def)
{
	decl *d = ast_decl(AR(ps), D_FIELD, SP(ps, at));
	d->name = name;
	set_type(d, ty);
	d->value = def;
	return d;
}

/* The parts of an obligation's declaration come in order, each one
 * filling the decl the type part made. */
static decl *b_oblig_type(struct pstate *ps, typeref *ty, loc cat, const char *combine)
{
	decl *d = ast_decl(AR(ps), D_OBLIGATION, SP(ps, cat));
	if (ty)
		set_type(d, ty);
	d->combine_name = combine;   /* checked later */
	d->combine_at = SP(ps, cat);
	return d;
}

static decl *b_oblig_on(struct pstate *ps, decl *o, vec *outcomes)
{
	(void)ps;
	o->on = *outcomes;
	return o;
}

static decl *b_oblig_by(struct pstate *ps, decl *o, loc at, const char *who)
{
	o->bearer_name = who;
	o->bearer_at = SP(ps, at);
	return o;
}

static decl *b_oblig_desc(struct pstate *ps, decl *o, const char *text)
{
	(void)ps;
	o->description = text;
	return o;
}

static decl *b_obligation(struct pstate *ps, loc at, loc nat, const char *name, decl *o)
{
	o->at = SP(ps, at);
	o->name = name;
	o->name_at = SP(ps, nat);
	return o;
}

static decl *b_article(struct pstate *ps, loc at, loc lat, const char *label, const char *title, const char *text)
{
	decl *d = ast_decl(AR(ps), D_ARTICLE, SP(ps, at));
	d->name = label;
	d->name_at = SP(ps, lat);
	d->title = title;
	d->text = text;
	return d;
}

static decl *b_clause(struct pstate *ps, loc at, loc lat, const char *label, const char *title)
{
	decl *d = ast_decl(AR(ps), D_CLAUSE, SP(ps, at));
	d->name = label;
	d->name_at = SP(ps, lat);
	d->title = title;
	return d;
}

static decl *b_deposited(struct pstate *ps, loc at, int kind, loc pat, const char *party, loc lat,
                         const char *label, const char *title)
{
	decl *d = b_clause(ps, at, lat, label, title);
	d->clause_kind = (uint8_t)kind;
	d->owner = party;
	d->owner_at = SP(ps, pat);
	return d;
}

/* A text block on a clause head; the checker allows it on reservations
 * and declarations only (a clause's text is its article's). */
static decl *b_clause_text(struct pstate *ps, decl *c, loc at, const char *text)
{
	if (c->text)
		vec_push(AR(ps), &c->repeated, b_name(ps, at, "text", NULL));
	c->text = text;
	c->text_at = SP(ps, at);
	return c;
}

static decl *b_window(struct pstate *ps, decl *c, int sunset, loc at, int64_t day)
{
	if (sunset) {
		if (c->has_sunset)
			vec_push(AR(ps), &c->repeated, b_name(ps, at, "sunset", NULL));
		c->has_sunset = 1;
		c->sunset = day;
		c->sunset_at = SP(ps, at);
	} else {
		if (c->has_from)
			vec_push(AR(ps), &c->repeated, b_name(ps, at, "from", NULL));
		c->has_from = 1;
		c->from = day;
		c->from_at = SP(ps, at);
	}
	return c;
}

static decl *b_rules(struct pstate *ps, decl *c, rule *r)
{
	vec_push(AR(ps), &c->rules, r);
	return c;
}

static expr **b_conds(struct pstate *ps, expr *when, expr *unless)
{
	expr **c = arena_alloc(AR(ps), 2 * sizeof *c);
	c[0] = when;
	c[1] = unless;
	return c;
}

static rule *b_rule(struct pstate *ps, loc at, int action, expr **conds, const char *because)
{
	rule *r = ast_rule(AR(ps), action, SP(ps, at));
	r->when = conds[0];
	r->unless = conds[1];
	r->reason = because;
	return r;
}

static rule *b_oblige(struct pstate *ps, loc at, loc nat, const char *name, expr *value, expr **conds)
{
	rule *r = ast_rule(AR(ps), PA_OBLIGE, SP(ps, at));
	r->oblig = name;
	r->oblig_at = SP(ps, nat);
	r->value = value;
	r->when = conds[0];
	r->unless = conds[1];
	return r;
}

static rule *b_exempts(struct pstate *ps, loc at, vec *labels, expr **conds)
{
	rule *r = ast_rule(AR(ps), PA_EXEMPTS, SP(ps, at));
	r->labels = *labels;
	r->when = conds[0];
	r->unless = conds[1];
	return r;
}

static label_ref *b_label(struct pstate *ps, loc at, const char *label)
{
	label_ref *l = arena_alloc(AR(ps), sizeof *l);
	l->label = label;
	l->at = SP(ps, at);
	return l;
}

static decl *b_fixture(struct pstate *ps, loc at, loc nat, const char *name, vec *given)
{
	decl *d = ast_decl(AR(ps), D_FIXTURE, SP(ps, at));
	d->name = name;
	d->name_at = SP(ps, nat);
	d->given = *given;
	return d;
}

static decl *b_expect(struct pstate *ps, loc at, int outcome, int by, vec *labels, vec *disc, vec *with)
{
	decl *d = ast_decl(AR(ps), D_TEST, SP(ps, at));
	d->expect_outcome = (uint8_t)outcome;
	d->expect_at = SP(ps, at);
	d->expect_by = (uint8_t)by;
	if (labels)
		d->by = *labels;
	if (disc) {
		d->has_discretionary = 1;
		d->discretionary = *disc;
	}
	d->with = *with;
	return d;
}

static decl *b_test(struct pstate *ps, loc at, loc nat, const char *name, vec *given, decl *expect)
{
	decl *d = expect;
	d->at = SP(ps, at);
	d->name = name;
	d->name_at = SP(ps, nat);
	d->given = *given;
	return d;
}

static expr *b_e(struct pstate *ps, loc at, int kind, expr *a, expr *b, expr *c)
{
	return ast_expr(AR(ps), kind, SP(ps, at), a, b, c);
}

static expr *b_lit(struct pstate *ps, loc at, int kind, int64_t v, int unit)
{
	expr *e = ast_expr(AR(ps), kind, SP(ps, at), NULL, NULL, NULL);
	e->ival = v;
	e->unit = (uint8_t)unit;
	return e;
}

static expr *b_ename(struct pstate *ps, loc at, const char *name, expr *key)
{
	expr *e = ast_expr(AR(ps), key ? E_LOOKUP : E_NAME, SP(ps, at), key, NULL, NULL);
	e->name = name;
	return e;
}

static expr *b_set(struct pstate *ps, loc at, vec *elems)
{
	return ast_set(AR(ps), SP(ps, at), elems);
}

static decl *b_assert(struct pstate *ps, loc at, loc nat, const char *name, loc wat, const char *word, expr *prop)
{
	decl *d = ast_decl(AR(ps), D_ASSERT, SP(ps, at));
	d->at.end = nat.end;
	d->name = name ? name : "reciprocal";
	d->name_at = SP(ps, nat);
	d->assert_word = word;
	d->assert_word_at = SP(ps, wat);
	d->assert_kind = ASSERT_RECIPROCAL;
	d->value = prop;
	return d;
}

static expr *b_outcome(struct pstate *ps, loc at, int mask)
{
	expr *e = ast_expr(AR(ps), E_OUTCOME, SP(ps, at), NULL, NULL, NULL);
	e->ival = mask;
	return e;
}

/* A fact of the decision about a clause or an obligation, by name. */
static expr *b_fact(struct pstate *ps, loc at, int kind, int ground, const char *name)
{
	expr *e = ast_expr(AR(ps), kind, SP(ps, at), NULL, NULL, NULL);
	e->ival = ground;
	e->name = name;
	return e;
}

/* ---- the entry point ---- */

int pgr_yylex_init_extra(struct lex_state *extra, void **scanner);
int pgr_yylex_destroy(void *scanner);
void *pgr_yy_scan_bytes(const char *bytes, int len, void *scanner);

/* flex scans an int's worth of bytes, and two more of its own */
#define LEX_MAX_BYTES ((size_t)INT_MAX - 2)
size_t parse_expected(program *p, const srcfile *f, uint32_t at, const char **out, size_t max)
{
	struct pstate ps = { p, f, 1, at, out, max, 0, 0 };
	struct lex_state ls = { &ps, f, 0, 0, 0, { 0, 0, 0 }, { 0, 0, 0 }, 0 };
	void *scanner;
	if (pgr_yylex_init_extra(&ls, &scanner) != 0)
		return 0;
	pgr_yy_scan_bytes(f->text, (int)f->len, scanner);
	pgr_yyparse(scanner, &ps);
	pgr_yylex_destroy(scanner);
	return ps.probe_n;
}

int parse_file(program *p, const srcfile *f)
{
	struct pstate ps = { p, f, 0, 0, NULL, 0, 0, 0 };
	struct lex_state ls = { &ps, f, 0, 0, 0 };
	void *scanner;
	int before = p->dg->errors;
	if (f->len > LEX_MAX_BYTES) {   /* load.c's limit keeps files below */
		diag_plain(p->dg, "'%s' is too large to parse (%zu bytes)", f->path, f->len);
		return 1;
	}
	if (pgr_yylex_init_extra(&ls, &scanner) != 0) {
		diag_plain(p->dg, "cannot start the lexer");
		return 1;
	}
	pgr_yy_scan_bytes(f->text, (int)f->len, scanner);
	pgr_yyparse(scanner, &ps);
	pgr_yylex_destroy(scanner);
	return p->dg->errors - before;
}

/* Whether a token is a keyword: the keywords are declared first, from
 * "agreement" to "years", so the grammar is the one list of them. */
int lex_is_keyword(int kind)
{
	return kind >= AGREEMENT && kind <= YEARS;
}

/* Every token of a file, comments included, for the formatter: kind and
 * byte span.  Lexical errors go to p->dg.  Returns the number of tokens. */
size_t lex_tokens(program *p, const srcfile *f, lex_token **out)
{
	struct pstate ps = { p, f, 0, 0, NULL, 0, 0, 0 };
	struct lex_state ls = { &ps, f, 0, 0, 1, { 0, 0, 0 }, { 0, 0, 0 }, 0 };
	void *scanner;
	size_t n = 0, cap = 256;
	lex_token *t = xmalloc(cap * sizeof *t);
	*out = t;
	if (f->len > LEX_MAX_BYTES || pgr_yylex_init_extra(&ls, &scanner) != 0)
		return 0;
	pgr_yy_scan_bytes(f->text, (int)f->len, scanner);
	for (;;) {
		PGR_YYSTYPE v;
		loc l;
		int k = pgr_yylex(&v, &l, scanner);
		if (k == END)
			break;
		if (n == cap)
			*out = t = xrealloc(t, (cap *= 2) * sizeof *t);
		t[n].kind = k;
		t[n].start = l.start;
		t[n].end = l.end;
		t[n].str = k == TEXTBLOCK ? v.str : NULL;
		n++;
	}
	pgr_yylex_destroy(scanner);
	return n;
}
