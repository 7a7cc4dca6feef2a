/*
 * lookup.h — names of a compiled agreement resolved for the benchmarks'
 * hand-written deciders (bench_native, engines_c): a field, an enum
 * member, the first word of a define's or a table entry's constant set.
 * A name that is not there ends the benchmark (exit 2): the hand-written
 * code and the agreement have drifted apart.
 */
#ifndef PACTA_BENCH_LOOKUP_H
#define PACTA_BENCH_LOOKUP_H

#include "pactac.h"

const lp_field_desc *bench_field(const lw_program *c, const char *name);
const lp_enum_desc *bench_enum(const lw_program *c, const char *name);
int bench_member(const lw_program *c, const char *enum_name, const char *member);
uint64_t bench_define_word(const lw_program *c, const char *name);
uint64_t bench_table_word(const lw_program *c, const char *name, int key);

#endif
