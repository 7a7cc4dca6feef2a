"""_lib.py — libpacta through ctypes: finding the installed library and
declaring the calls of runtime/pacta.h that the binding uses.

The library is, in order: the file $PACTA_LIBRARY names; libpacta.so.0 as
the dynamic loader finds it (ldconfig's cache, LD_LIBRARY_PATH); the one in
lib/ under this Python's prefix, /usr/local or /usr.  ctypes releases the
GIL around every call, so threads decide in parallel.
"""
import ctypes
import os
import sys

c_int, c_size_t, c_char_p, c_void_p = ctypes.c_int, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_void_p
c_int64 = ctypes.c_int64


class PactaErrorStruct(ctypes.Structure):
    """pacta_error of pacta.h."""
    _fields_ = [("status", c_int), ("line", c_int), ("column", c_int),
                ("field", ctypes.c_char * 64), ("message", ctypes.c_char * 256)]


def _candidates():
    env = os.environ.get("PACTA_LIBRARY")
    if env:
        yield env
        return
    yield "libpacta.so.0"
    for prefix in (sys.prefix, "/usr/local", "/usr"):
        yield os.path.join(prefix, "lib", "libpacta.so.0")


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
    raise ImportError("pacta: cannot load libpacta (set PACTA_LIBRARY to its path): " + "; ".join(errors))


lib = _load()

_P = c_void_p
_ERR = ctypes.POINTER(PactaErrorStruct)
_SIG = {
    "pacta_version": (c_char_p, []),
    "pacta_abi_version": (c_int, []),
    "pacta_status_name": (c_char_p, [c_int]),
    "pacta_date_split": (None, [c_int64, ctypes.POINTER(c_int), ctypes.POINTER(c_int), ctypes.POINTER(c_int)]),
    "pacta_module_open": (c_int, [c_char_p, ctypes.POINTER(_P), _ERR]),
    "pacta_module_open_trusted": (c_int, [c_char_p, _P, ctypes.POINTER(_P), _ERR]),
    "pacta_module_close": (None, [_P]),
    "pacta_trust_new": (c_int, [ctypes.POINTER(_P)]),
    "pacta_trust_free": (None, [_P]),
    "pacta_trust_add_key_file": (c_int, [_P, c_char_p, _ERR]),
    "pacta_trust_add_key_hex": (c_int, [_P, c_char_p, _ERR]),
    "pacta_module_signer": (c_char_p, [_P]),
    "pacta_module_title": (c_char_p, [_P]),
    "pacta_module_version": (c_char_p, [_P]),
    "pacta_module_compiler_version": (c_char_p, [_P]),
    "pacta_module_default_outcome": (c_int, [_P]),
    "pacta_module_default_reason": (c_char_p, [_P]),
    "pacta_module_text": (c_char_p, [_P]),
    "pacta_module_source_hash": (c_char_p, [_P]),
    # the texts are *len bytes, not read up to a NUL: c_void_p, not c_char_p
    "pacta_module_source": (c_void_p, [_P, ctypes.POINTER(c_size_t)]),
    "pacta_module_source_name": (c_char_p, [_P]),
    "pacta_module_import_count": (c_int, [_P]),
    "pacta_module_import_name": (c_char_p, [_P, c_int]),
    "pacta_module_import_source": (c_void_p, [_P, c_int, ctypes.POINTER(c_size_t)]),
    "pacta_module_party_count": (c_int, [_P]),
    "pacta_module_party": (c_char_p, [_P, c_int]),
    "pacta_module_effective": (c_int, [_P, ctypes.POINTER(c_int64)]),
    "pacta_module_expires": (c_int, [_P, ctypes.POINTER(c_int64)]),
    "pacta_field_count": (c_int, [_P]),
    "pacta_field_name": (c_char_p, [_P, c_int]),
    "pacta_field_type": (c_int, [_P, c_int]),
    "pacta_field_type_name": (c_char_p, [_P, c_int]),
    "pacta_field_has_default": (c_int, [_P, c_int]),
    "pacta_field_default_json": (c_char_p, [_P, c_int]),
    "pacta_field_member_count": (c_int, [_P, c_int]),
    "pacta_field_member_name": (c_char_p, [_P, c_int, c_int]),
    "pacta_clause_count": (c_int, [_P]),
    "pacta_clause_label": (c_char_p, [_P, c_int]),
    "pacta_clause_title": (c_char_p, [_P, c_int]),
    "pacta_clause_kind": (c_int, [_P, c_int]),
    "pacta_clause_owner": (c_char_p, [_P, c_int]),
    "pacta_clause_article": (c_char_p, [_P, c_int]),
    "pacta_clause_article_title": (c_char_p, [_P, c_int]),
    "pacta_clause_article_text": (c_char_p, [_P, c_int]),
    "pacta_obligation_count": (c_int, [_P]),
    "pacta_obligation_name": (c_char_p, [_P, c_int]),
    "pacta_obligation_is_flag": (c_int, [_P, c_int]),
    "pacta_obligation_type": (c_int, [_P, c_int]),
    "pacta_obligation_outcomes": (c_int, [_P, c_int]),
    "pacta_obligation_bearer": (c_int, [_P, c_int]),
    "pacta_obligation_description": (c_char_p, [_P, c_int]),
    "pacta_request_new": (c_int, [_P, ctypes.POINTER(_P)]),
    "pacta_request_free": (None, [_P]),
    "pacta_decision_new": (c_int, [_P, ctypes.POINTER(_P)]),
    "pacta_decision_free": (None, [_P]),
    "pacta_decide_json": (c_int, [_P, _P, c_char_p, c_size_t, c_int, c_int, c_void_p, c_size_t,
                                  ctypes.POINTER(c_size_t), _ERR]),
    "pacta_decide_lines": (c_int, [_P, _P, c_void_p, c_size_t, c_int, c_int, c_void_p, c_size_t,
                                   ctypes.POINTER(c_size_t), ctypes.POINTER(c_size_t), _ERR]),
    "pacta_decision_outcome": (c_int, [_P]),
    "pacta_decision_ground_count": (c_int, [_P]),
    "pacta_decision_ground_label": (c_char_p, [_P, c_int]),
    "pacta_decision_ground_reason": (c_char_p, [_P, c_int]),
    "pacta_decision_ground_discretionary": (c_int, [_P, c_int]),
    "pacta_decision_explain": (c_int, [_P, c_void_p, c_size_t, ctypes.POINTER(c_size_t)]),
    "pacta_explain_to": (c_int, [_P, _P, c_int, ctypes.POINTER(c_void_p), ctypes.POINTER(c_size_t), _ERR]),
    "pacta_free": (None, [c_void_p]),
}
for _name, (_res, _args) in _SIG.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args
