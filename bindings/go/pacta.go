// Package pacta decides cooperation requests with agreements compiled by
// `pacta build`: a cgo binding of libpacta (runtime/pacta.h), with nothing
// but the standard library.
//
//	m, err := pacta.Open("model-agreement.so")             // pacta.Trust("release.pub") for signed ones
//	defer m.Close()
//	m.Source, m.SourceName, m.Imports                        // the texts it was built from
//	d, err := m.Decide([]byte(`{"requesting_party": "XB", ...}`))
//	d.Outcome, d.Grounds, d.Obligations, d.JSON              // d.JSON is exactly pacta eval's line
//	err = m.DecideMany(ctx, os.Stdin, os.Stdout, false)      // JSON Lines in and out
//
// A refused request is an *Error with Status StatusInput, carrying the
// line, column and field and the error line `pacta eval` writes; errors.Is
// matches it against ErrInput (and so for the other statuses).  A Module
// may be used by any number of goroutines at once, as libpacta's modules
// may: each call decides with request and decision objects of its own,
// taken from a pool (those the pool drops are freed).  Hosts that fill
// requests field by field use Request.
//
// Close marks the module closed at once: every call that begins after it,
// of the Module, its Requests and its Decisions, is ErrClosed.  Close then
// waits for the calls already inside libpacta (each a few microseconds;
// an ExplainTo's search is the longest) and frees everything.  It never
// waits for a reader or writer: a DecideMany blocked on one holds nothing
// (a writer may even call Close), and once its reader or writer returns it
// stops with ErrClosed before it decides again.
//
// Build: cgo finds libpacta through pkg-config (`pacta.pc`, installed by
// `make install`; PKG_CONFIG_PATH=build in the repository).
package pacta

/*
#cgo pkg-config: pacta
#include <stdlib.h>
#include <pacta.h>
*/
import "C"

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Statuses of pacta.h.
const (
	StatusOK          = 0
	StatusError       = 1
	StatusNoMem       = 2
	StatusMisuse      = 3
	StatusABI         = 4
	StatusNotFound    = 5
	StatusIO          = 6
	StatusBadModule   = 7
	StatusRange       = 8
	StatusInput       = 9
	StatusSignature   = 10
	StatusUnsupported = 11
)

// Error is a failure libpacta reported: its status, the message, and for
// a request its line, column and field; JSON is the error line `pacta eval`
// writes for a refused request.
type Error struct {
	Status  int
	Message string
	Line    int
	Column  int
	Field   string
	JSON    string
}

func (e *Error) Error() string { return "pacta: " + e.Message }

// StatusName is "PACTA_INPUT", ...
func (e *Error) StatusName() string { return C.GoString(C.pacta_status_name(C.int(e.Status))) }

// Is makes errors.Is(err, pacta.ErrInput) (and the others) match on the status.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Status == e.Status
}

// Sentinels for errors.Is.
var (
	ErrError     = &Error{Status: StatusError}
	ErrMisuse    = &Error{Status: StatusMisuse}
	ErrABI       = &Error{Status: StatusABI}
	ErrNotFound  = &Error{Status: StatusNotFound}
	ErrIO        = &Error{Status: StatusIO}
	ErrBadModule = &Error{Status: StatusBadModule}
	ErrInput     = &Error{Status: StatusInput}
	ErrSignature = &Error{Status: StatusSignature}
	// ErrUnsupported: the call needs a part of Pacta not installed (the
	// prover, for ExplainTo).
	ErrUnsupported = &Error{Status: StatusUnsupported}
	ErrClosed      = errors.New("pacta: the module is closed")
)

func errorOf(status C.int, e *C.pacta_error) *Error {
	return &Error{Status: int(status), Message: C.GoString(&e.message[0]), Line: int(e.line),
		Column: int(e.column), Field: C.GoString(&e.field[0])}
}

var where = regexp.MustCompile(`^line (\d+), column (\d+): (?:field "((?:[^"\\]|\\.)*)": )?`)

// inputError is the Error of an error line {"id": ..., "error": "line L, ..."}.
func inputError(line string) *Error {
	var v struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal([]byte(line), &v)
	e := &Error{Status: StatusInput, Message: v.Error, JSON: line}
	if m := where.FindStringSubmatch(v.Error); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Column, _ = strconv.Atoi(m[2])
		e.Field = m[3]
	}
	return e
}

// Version is the version of the libpacta loaded.
func Version() string { return C.GoString(C.pacta_version()) }

// ---- modules ----

// Field is a request field: Type is "bool", "int", "date", "days",
// "years", "enum" or "set", TypeName as the agreement writes it; Default
// is the JSON of its default (nil when the field is required).
type Field struct {
	Name, Type, TypeName string
	Required             bool
	Default              json.RawMessage
	Members              []string
}

// Clause is a clause, reservation or declaration of the agreement.
type Clause struct {
	Label, Title, Kind, Owner, Article, ArticleTitle, ArticleText string
}

// Obligation is an obligation the agreement declares.
type Obligation struct {
	Name, Type, Bearer, Description string
	Flag                            bool
	Outcomes                        []string
}

// Import is a file the agreement imports, which the module carries: Name
// is the import that first read it, as written ("std.mla" for `import
// std.mla`, "parts/xa.pacta" for `import "parts/xa.pacta"`), Source its
// text.
type Import struct {
	Name, Source string
}

// Module is an open agreement.  Source is the text it was built from (the
// agreement's, in its canonical form) and SourceName its file's name, ""
// from `pacta build`, which records none; Imports are the files it
// imports, each once, in the order they were read.
type Module struct {
	Path, Title, Version, CompilerVersion, SourceHash, Signer string
	DefaultOutcome, DefaultReason                             string
	Text                                                      string // the agreement's own text (its status, disclaimers), or ""
	Source, SourceName                                        string
	Imports                                                   []Import
	Parties                                                   []string
	Effective, Expires                                        *time.Time
	Fields                                                    []Field
	Clauses                                                   []Clause
	Obligations                                               []Obligation

	mod *C.pacta_module
	// the calls inside libpacta, and closing once Close has begun (no call
	// enters after): no lock, whose writer would queue every new call
	// behind it, and none held across a DecideMany's reads and writes
	state atomic.Int64
	idle  chan struct{} // closed when closing and no call is inside
	freed chan struct{} // closed when Close has freed everything
	pool  sync.Pool
	slock sync.Mutex
	// the C objects of every session and Request not yet freed, by
	// request: Close frees them, or a session's finalizer once the pool
	// has dropped it (not the sessions themselves: they would never
	// become garbage), or Request.Free
	live     map[*C.pacta_request]*C.pacta_decision
	fieldIx  map[string]int
	obligTyp map[string]string
}

type options struct {
	trusted bool // Trust given, even with no keys (MISUSE: it would trust nothing)
	trust   []string
}

// Option configures Open.
type Option func(*options)

// Trust loads only a module signed by one of these keys: KEY.pub files or
// 64 hex digits.  Trust() with none is ErrMisuse: it would trust nothing.
func Trust(keys ...string) Option {
	return func(o *options) {
		o.trusted = true
		o.trust = append(o.trust, keys...)
	}
}

var types = []string{"bool", "int", "date", "days", "years", "enum", "set"}
var outcomes = []string{"grant", "refer", "refuse"}
var kinds = []string{"clause", "reservation", "declaration"}
var bearers = []string{"", "requesting", "requested"}

func str(p *C.char) string { return C.GoString(p) }

func day(d C.int64_t) *time.Time {
	var y, m, dd C.int
	C.pacta_date_split(d, &y, &m, &dd)
	t := time.Date(int(y), time.Month(m), int(dd), 0, 0, 0, 0, time.UTC)
	return &t
}

// Open loads the module at path, checked as libpacta checks every module;
// the error is an *Error (ErrNotFound, ErrBadModule, ErrSignature, ...).
func Open(path string, opts ...Option) (*Module, error) {
	var o options
	for _, f := range opts {
		f(&o)
	}
	var e C.pacta_error
	var rc C.int
	// C would read the path only up to a NUL: another file
	if strings.IndexByte(path, 0) >= 0 {
		return nil, &Error{Status: StatusMisuse, Message: fmt.Sprintf("the path %q holds a NUL byte", path)}
	}
	m := &Module{Path: path, live: map[*C.pacta_request]*C.pacta_decision{},
		idle: make(chan struct{}), freed: make(chan struct{})}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	if o.trusted {
		var tr *C.pacta_trust
		if C.pacta_trust_new(&tr) != StatusOK {
			return nil, &Error{Status: StatusIO, Message: "cannot start libsodium"}
		}
		defer C.pacta_trust_free(tr)
		for _, k := range o.trust {
			if strings.IndexByte(k, 0) >= 0 {
				return nil, &Error{Status: StatusMisuse, Message: fmt.Sprintf("the key %q holds a NUL byte", k)}
			}
			ck := C.CString(k)
			if len(k) == 64 && strings.Trim(k, "0123456789abcdefABCDEF") == "" {
				rc = C.pacta_trust_add_key_hex(tr, ck, &e)
			} else {
				rc = C.pacta_trust_add_key_file(tr, ck, &e)
			}
			C.free(unsafe.Pointer(ck))
			if rc != StatusOK {
				return nil, errorOf(rc, &e)
			}
		}
		rc = C.pacta_module_open_trusted(cpath, tr, &m.mod, &e)
	} else {
		rc = C.pacta_module_open(cpath, &m.mod, &e)
	}
	if rc != StatusOK {
		return nil, errorOf(rc, &e)
	}
	m.describe()
	return m, nil
}

func (m *Module) describe() {
	p := m.mod
	m.Title = str(C.pacta_module_title(p))
	m.Version = str(C.pacta_module_version(p))
	m.CompilerVersion = str(C.pacta_module_compiler_version(p))
	m.SourceHash = str(C.pacta_module_source_hash(p))
	m.Signer = str(C.pacta_module_signer(p))
	m.DefaultOutcome = outcomes[C.pacta_module_default_outcome(p)]
	m.DefaultReason = str(C.pacta_module_default_reason(p))
	m.Text = str(C.pacta_module_text(p))
	// the texts are n bytes, not read up to a NUL
	var n C.size_t
	src := C.pacta_module_source(p, &n)
	m.Source = C.GoStringN(src, C.int(n))
	m.SourceName = str(C.pacta_module_source_name(p))
	for k := C.int(0); k < C.pacta_module_import_count(p); k++ {
		name := str(C.pacta_module_import_name(p, k))
		src = C.pacta_module_import_source(p, k, &n)
		m.Imports = append(m.Imports, Import{Name: name, Source: C.GoStringN(src, C.int(n))})
	}
	for i := 0; i < int(C.pacta_module_party_count(p)); i++ {
		m.Parties = append(m.Parties, str(C.pacta_module_party(p, C.int(i))))
	}
	var d C.int64_t
	if C.pacta_module_effective(p, &d) != 0 {
		m.Effective = day(d)
	}
	if C.pacta_module_expires(p, &d) != 0 {
		m.Expires = day(d)
	}
	m.fieldIx = map[string]int{}
	for i := C.int(0); i < C.pacta_field_count(p); i++ {
		f := Field{Name: str(C.pacta_field_name(p, i)), Type: types[C.pacta_field_type(p, i)],
			TypeName: str(C.pacta_field_type_name(p, i)), Required: C.pacta_field_has_default(p, i) == 0}
		if dj := C.pacta_field_default_json(p, i); dj != nil {
			f.Default = json.RawMessage(C.GoString(dj))
		}
		for k := C.int(0); k < C.pacta_field_member_count(p, i); k++ {
			f.Members = append(f.Members, str(C.pacta_field_member_name(p, i, k)))
		}
		m.fieldIx[f.Name] = int(i)
		m.Fields = append(m.Fields, f)
	}
	for i := C.int(0); i < C.pacta_clause_count(p); i++ {
		m.Clauses = append(m.Clauses, Clause{Label: str(C.pacta_clause_label(p, i)),
			Title: str(C.pacta_clause_title(p, i)), Kind: kinds[C.pacta_clause_kind(p, i)],
			Owner: str(C.pacta_clause_owner(p, i)), Article: str(C.pacta_clause_article(p, i)),
			ArticleTitle: str(C.pacta_clause_article_title(p, i)),
			ArticleText:  str(C.pacta_clause_article_text(p, i))})
	}
	m.obligTyp = map[string]string{}
	for i := C.int(0); i < C.pacta_obligation_count(p); i++ {
		o := Obligation{Name: str(C.pacta_obligation_name(p, i)), Type: types[C.pacta_obligation_type(p, i)],
			Flag: C.pacta_obligation_is_flag(p, i) != 0, Bearer: bearers[C.pacta_obligation_bearer(p, i)%3],
			Description: str(C.pacta_obligation_description(p, i))}
		on := int(C.pacta_obligation_outcomes(p, i))
		for k, name := range outcomes {
			if on>>k&1 != 0 {
				o.Outcomes = append(o.Outcomes, name)
			}
		}
		m.obligTyp[o.Name] = o.Type
		m.Obligations = append(m.Obligations, o)
	}
}

// FieldIndex is the index of the field called name, or -1.
func (m *Module) FieldIndex(name string) int {
	if i, ok := m.fieldIx[name]; ok {
		return i
	}
	return -1
}

// closing is the bit of Module.state that says Close has begun; the
// bits below it count the calls inside libpacta.
const closing = 1 << 62

// enter counts a call into libpacta, which may then use the module and
// its sessions and Requests until leave; ErrClosed once Close has begun.
func (m *Module) enter() error {
	for {
		n := m.state.Load()
		if n&closing != 0 {
			return ErrClosed
		}
		if m.state.CompareAndSwap(n, n+1) {
			return nil
		}
	}
}

// leave ends a call; the last one out after Close began lets Close free
// (once closing, the count only falls: this is reached once).
func (m *Module) leave() {
	if m.state.Add(-1) == closing {
		close(m.idle)
	}
}

// Close frees the module and every request and decision made for it,
// Requests not yet freed too.  It marks the module closed at once, so that
// every call beginning after it (of the Module, its Requests or its
// Decisions) is ErrClosed, then waits for the calls inside libpacta to
// end; not for a DecideMany blocked on its reader or writer, which is
// ErrClosed when it next needs libpacta.  Close again waits for the first
// to finish, and returns nil.
func (m *Module) Close() error {
	for {
		n := m.state.Load()
		if n&closing != 0 {
			<-m.freed
			return nil
		}
		if m.state.CompareAndSwap(n, n|closing) {
			if n == 0 {
				close(m.idle)
			}
			break
		}
	}
	<-m.idle
	m.slock.Lock()
	for req, dec := range m.live {
		C.pacta_decision_free(dec)
		C.pacta_request_free(req)
	}
	m.live = nil // the finalizers to come find nothing left to free
	m.slock.Unlock()
	m.pool = sync.Pool{}
	C.pacta_module_close(m.mod)
	m.mod = nil
	close(m.freed)
	return nil
}

// ---- deciding ----

// session: a request, a decision and an answer buffer, one call at a time.
type session struct {
	req *C.pacta_request
	dec *C.pacta_decision
	buf []byte
	err C.pacta_error
}

// acquire enters the module and takes a session; release gives it back
// and leaves.
func (m *Module) acquire() (*session, error) {
	if err := m.enter(); err != nil {
		return nil, err
	}
	if s, ok := m.pool.Get().(*session); ok {
		return s, nil
	}
	s := &session{buf: make([]byte, 16384)}
	if C.pacta_request_new(m.mod, &s.req) != StatusOK || C.pacta_decision_new(m.mod, &s.dec) != StatusOK {
		C.pacta_request_free(s.req)
		m.leave()
		return nil, &Error{Status: StatusNoMem, Message: "out of memory"}
	}
	m.slock.Lock()
	m.live[s.req] = s.dec
	m.slock.Unlock()
	// sync.Pool drops what it holds at garbage collections: a session
	// dropped is garbage, and its C objects go with it.  A session in use
	// is reachable (release takes it back), so it is never freed under a
	// call; one Close freed already is no longer in m.live.
	runtime.SetFinalizer(s, func(s *session) {
		m.slock.Lock()
		defer m.slock.Unlock()
		if dec, ok := m.live[s.req]; ok {
			C.pacta_decision_free(dec)
			C.pacta_request_free(s.req)
			delete(m.live, s.req)
		}
	})
	return s, nil
}

// liveSessions is the number of sessions and Requests whose C objects
// are not freed.
func (m *Module) liveSessions() int {
	m.slock.Lock()
	defer m.slock.Unlock()
	return len(m.live)
}

func (m *Module) release(s *session) {
	m.pool.Put(s)
	m.leave()
}

func ptr(b []byte) *C.char {
	if len(b) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(&b[0]))
}

// decideJSON: pacta_decide_json on s; the status and the answer (in s.buf).
func (s *session) decideJSON(line []byte, lineno int, trace bool) (C.int, []byte) {
	t := C.int(0)
	if trace {
		t = 1
	}
	var need C.size_t
	in := line
	if len(in) == 0 {
		in = []byte{0}
	}
	rc := C.pacta_decide_json(s.req, s.dec, ptr(in), C.size_t(len(line)), C.int(lineno), t,
		ptr(s.buf), C.size_t(len(s.buf)), &need, &s.err)
	if rc == StatusRange {
		s.buf = make([]byte, int(need)*2)
		rc = C.pacta_decide_json(s.req, s.dec, ptr(in), C.size_t(len(line)), C.int(lineno), t,
			ptr(s.buf), C.size_t(len(s.buf)), &need, &s.err)
	}
	if rc != StatusOK && rc != StatusInput {
		return rc, nil
	}
	return rc, s.buf[:need-1]
}

// DecideJSON decides one request (a JSON object) and returns the line
// `pacta eval` writes for it (appended to dst, which may be nil).  A
// refused request gives its error line and an *Error (ErrInput).
func (m *Module) DecideJSON(dst, request []byte, trace bool) ([]byte, error) {
	s, err := m.acquire()
	if err != nil {
		return dst, err
	}
	defer m.release(s)
	text, err := s.decide(oneLine(request), trace)
	if err == nil || text != nil {
		dst = append(dst, text...)
	}
	return dst, err
}

// decide: decideJSON of one request, its answer and the error of a
// refused one (with the error line as JSON) or of a failure.
func (s *session) decide(line []byte, trace bool) ([]byte, error) {
	rc, text := s.decideJSON(line, 1, trace)
	switch rc {
	case StatusOK:
		return text, nil
	case StatusInput:
		e := errorOf(rc, &s.err)
		e.JSON = string(text)
		return text, e
	}
	return nil, errorOf(rc, &s.err)
}

// oneLine: a request object may span lines; their ends become spaces.
func oneLine(b []byte) []byte {
	n := len(b)
	for n > 0 && (b[n-1] == '\n' || b[n-1] == '\r') {
		n--
	}
	b = b[:n]
	for i, c := range b {
		if c == '\n' || c == '\r' {
			c := append([]byte(nil), b...)
			for j := i; j < len(c); j++ {
				if c[j] == '\n' || c[j] == '\r' {
					c[j] = ' '
				}
			}
			return c
		}
	}
	return b
}

// Decide decides one request (a JSON object) into a Decision; a refused
// request is an *Error (errors.Is(err, ErrInput)).
func (m *Module) Decide(request []byte) (*Decision, error) {
	s, err := m.acquire()
	if err != nil {
		return nil, err
	}
	defer m.release(s)
	line := oneLine(request)
	text, err := s.decide(line, false)
	if err != nil {
		return nil, err
	}
	return newDecision(m, s, line, string(text)), nil
}

// DecideMany reads JSON Lines from r and writes an answer per line to w,
// in order, exactly as `pacta eval` (with --trace when trace is set): a
// refused line gets its error line and the others go on.  It returns the
// number of lines refused, or the error that stopped it: r's or w's, or
// ctx's once it is done (checked between batches of lines), or ErrClosed
// when the module is closed before a batch is decided (the answers made
// before are written).  It is inside libpacta only while it decides a
// batch, never while it reads or writes: a slow reader or writer holds up
// neither other calls nor Close.
func (m *Module) DecideMany(ctx context.Context, r io.Reader, w io.Writer, trace bool) (int, error) {
	s, err := m.acquire()
	if err != nil {
		return 0, err
	}
	// s stays ours, but Close frees its C objects once we are out: each
	// use enters again, and s goes back to the pool only if still open
	m.leave()
	defer func() {
		if m.enter() == nil {
			m.release(s)
		}
	}()
	t := C.int(0)
	if trace {
		t = 1
	}
	in := bufio.NewReaderSize(r, 1<<16)
	out := bufio.NewWriterSize(w, 1<<16)
	var chunk []byte
	lineno, bad := 1, 0
	for {
		if err := ctx.Err(); err != nil {
			return bad, err
		}
		// a batch of whole lines, about 64 KiB: a longer line is read
		// whole (ErrBufferFull is only a part of it), as pacta eval does
		chunk = chunk[:0]
		var rerr error
		for len(chunk) < 1<<16 || rerr == bufio.ErrBufferFull {
			var line []byte
			line, rerr = in.ReadSlice('\n')
			chunk = append(chunk, line...)
			if rerr != nil && rerr != bufio.ErrBufferFull {
				break
			}
		}
		if rerr != nil && rerr != io.EOF {
			// a line cut by a read error is not decided (pacta eval)
			chunk = chunk[:bytes.LastIndexByte(chunk, '\n')+1]
		}
		for at := 0; at < len(chunk); {
			var used, wrote C.size_t
			if err := m.enter(); err != nil {
				out.Flush()
				return bad, err
			}
			rc := C.pacta_decide_lines(s.req, s.dec, ptr(chunk[at:]), C.size_t(len(chunk)-at), C.int(lineno), t,
				ptr(s.buf), C.size_t(len(s.buf)), &used, &wrote, &s.err)
			m.leave()
			if rc != StatusOK && rc != StatusRange {
				out.Flush()
				return bad, errorOf(rc, &s.err)
			}
			if used == 0 {
				s.buf = make([]byte, 2*len(s.buf))
				continue
			}
			answers := s.buf[:wrote]
			lineno += bytes.Count(answers, newline)
			bad += countErrors(answers)
			if _, err := out.Write(answers); err != nil {
				return bad, err
			}
			at += int(used)
		}
		if rerr == io.EOF {
			return bad, out.Flush()
		}
		if rerr != nil {
			out.Flush()
			return bad, rerr
		}
	}
}

var newline, outcomeKey = []byte("\n"), []byte(`"outcome": `)

// countErrors: the answers (lines, each with its newline) that are error
// lines, without a copy of any.
func countErrors(answers []byte) int {
	n := 0
	for len(answers) > 0 {
		i := bytes.IndexByte(answers, '\n')
		if i < 0 {
			i = len(answers) - 1
		}
		if !bytes.Contains(answers[:i], outcomeKey) {
			n++
		}
		answers = answers[i+1:]
	}
	return n
}

// ---- decisions ----

// Ground is a ground of a decision: the clause's label, its reason, and
// whether it is discretionary (a `may refuse`).
type Ground struct {
	Label, Reason string
	Discretionary bool
}

// Decision is a decision: JSON is exactly `pacta eval`'s line; Obligations
// hold Go values with their units (time.Duration is not used for days:
// Days and Years are types of their own; dates are time.Time, flags true,
// sets []string).
type Decision struct {
	JSON        string
	ID          json.RawMessage
	Outcome     string
	Ground      string // "clauses", "default" or "agreement"
	Grounds     []Ground
	Obligations map[string]any
	Trace       json.RawMessage

	m       *Module
	request []byte
}

// Days and Years are durations in the agreement's units.
type Days int64
type Years int64

// newDecision: the Decision of text, the answer to request that session
// s (entered) holds.
func newDecision(m *Module, s *session, request []byte, text string) *Decision {
	var v struct {
		ID            json.RawMessage            `json:"id"`
		Outcome       string                     `json:"outcome"`
		Grounds       []string                   `json:"grounds"`
		Discretionary []string                   `json:"discretionary"`
		Obligations   map[string]json.RawMessage `json:"obligations"`
		Trace         json.RawMessage            `json:"trace"`
	}
	_ = json.Unmarshal([]byte(text), &v)
	d := &Decision{JSON: text, ID: v.ID, Outcome: v.Outcome, Trace: v.Trace, m: m, request: request,
		Ground: "clauses", Obligations: map[string]any{}}
	if len(v.Grounds) == 1 && (v.Grounds[0] == "default" || v.Grounds[0] == "agreement") {
		d.Ground = v.Grounds[0]
	} else {
		// reasons and discretion from libpacta's decision, in the same
		// call: a Close between two would leave the grounds out
		for k := C.int(0); k < C.pacta_decision_ground_count(s.dec); k++ {
			d.Grounds = append(d.Grounds, Ground{Label: str(C.pacta_decision_ground_label(s.dec, k)),
				Reason:        str(C.pacta_decision_ground_reason(s.dec, k)),
				Discretionary: C.pacta_decision_ground_discretionary(s.dec, k) != 0})
		}
	}
	for name, raw := range v.Obligations {
		d.Obligations[name] = value(m.obligTyp[name], raw)
	}
	return d
}

func value(typ string, raw json.RawMessage) any {
	switch typ {
	case "days":
		var n int64
		_ = json.Unmarshal(raw, &n)
		return Days(n)
	case "years":
		var n int64
		_ = json.Unmarshal(raw, &n)
		return Years(n)
	case "int":
		var n int64
		_ = json.Unmarshal(raw, &n)
		return n
	case "date":
		var s string
		_ = json.Unmarshal(raw, &s)
		t, _ := time.Parse("2006-01-02", s)
		return t
	case "set":
		var s []string
		_ = json.Unmarshal(raw, &s)
		return s
	case "enum":
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	}
	return true // a flag
}

// Explain is the decision in words, as `pacta explain` writes it (without
// its heading line); ErrClosed once the module is closed.
func (d *Decision) Explain() (string, error) {
	s, err := d.m.acquire()
	if err != nil {
		return "", err
	}
	defer d.m.release(s)
	if rc, _ := s.decideJSON(d.request, 1, false); rc != StatusOK {
		return "", errorOf(rc, &s.err)
	}
	var need C.size_t
	C.pacta_decision_explain(s.dec, nil, 0, &need)
	buf := make([]byte, int(need))
	if rc := C.pacta_decision_explain(s.dec, ptr(buf), need, nil); rc != StatusOK {
		return "", &Error{Status: int(rc), Message: "cannot explain"}
	}
	return string(buf[:need-1]), nil
}

// ---- what would it take ----

// WhatItTakes is ExplainTo's answer: the object `pacta explain --to
// OUTCOME --json` writes.  Answer is "found" (Changes say what would
// have to differ, Request is the request found and Decision its decision
// with the trace), "already" (the request is decided so) or "impossible"
// (ForbiddenBy names the clauses that decide otherwise whenever one that
// could decide so applies; Scope, whether the term or the Parties stand in
// the way too; Held, the fields of the facts no answer moves — a date of
// submission earlier than given, another requesting or requested Party —
// where they are what stands in the way).  Text is all of it in words.
type WhatItTakes struct {
	To          string          `json:"to"`
	Answer      string          `json:"answer"`
	Changes     []Change        `json:"changes"`
	Request     json.RawMessage `json:"request"`
	Decision    json.RawMessage `json:"decision"`
	ForbiddenBy []string        `json:"forbidden_by"`
	Scope       bool            `json:"scope"`
	Held        []string        `json:"held"`
	Text        string          `json:"text"`
}

// Change is one field of the request found that differs from the one
// given: its value there, the given one (both as JSON) and the clauses
// the change brings about or sets aside.
type Change struct {
	Field   string          `json:"field"`
	Value   json.RawMessage `json:"value"`
	Given   json.RawMessage `json:"given"`
	Clauses []string        `json:"clauses"`
}

var outcomeCodes = map[string]C.int{"grant": C.PACTA_GRANT, "refer": C.PACTA_REFER, "refuse": C.PACTA_REFUSE}

// ExplainTo asks what it would take for request (a JSON object) to be
// decided to ("grant", "refer" or "refuse"): the nearest request that is,
// found with the Z3 solver over the module's embedded source
// (pacta_explain_to), or the proof that none is.  It takes tens to
// hundreds of milliseconds, in C, where it cannot be interrupted: when ctx
// is done first, ExplainTo returns ctx's error and the search's answer is
// dropped when it ends.  Where the prover (libpacta-prove.so.0, beside
// libpacta) is not installed the error is StatusUnsupported.
func (m *Module) ExplainTo(ctx context.Context, request []byte, to string) (*WhatItTakes, error) {
	code, ok := outcomeCodes[to]
	if !ok {
		return nil, &Error{Status: StatusMisuse, Message: fmt.Sprintf("the outcome sought is grant, refer or refuse, not %q", to)}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, err := m.acquire()
	if err != nil {
		return nil, err
	}
	type result struct {
		w   *WhatItTakes
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer m.release(s)
		rc, text := s.decideJSON(oneLine(request), 1, false)
		if rc == StatusInput {
			e := errorOf(rc, &s.err)
			e.JSON = string(text)
			done <- result{nil, e}
			return
		}
		if rc != StatusOK {
			done <- result{nil, errorOf(rc, &s.err)}
			return
		}
		var out *C.char
		var n C.size_t
		if rc := C.pacta_explain_to(m.mod, s.req, code, &out, &n, &s.err); rc != StatusOK {
			done <- result{nil, errorOf(rc, &s.err)}
			return
		}
		b := C.GoBytes(unsafe.Pointer(out), C.int(n))
		C.pacta_free(unsafe.Pointer(out))
		w := &WhatItTakes{}
		if err := json.Unmarshal(b, w); err != nil {
			done <- result{nil, err}
			return
		}
		done <- result{w, nil}
	}()
	select {
	case r := <-done:
		return r.w, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// ---- requests field by field ----

// Request is a request filled field by field (no JSON), with a decision of
// its own: for hosts that decide many requests fast.  One goroutine at a
// time.  Free frees it; Close frees those not freed, and every call of a
// Request after Close is ErrClosed (Reset does nothing).
type Request struct {
	m   *Module
	req *C.pacta_request
	dec *C.pacta_decision
	err C.pacta_error
}

// NewRequest is a request holding each field's default.
func (m *Module) NewRequest() (*Request, error) {
	if err := m.enter(); err != nil {
		return nil, err
	}
	defer m.leave()
	r := &Request{m: m}
	if C.pacta_request_new(m.mod, &r.req) != StatusOK || C.pacta_decision_new(m.mod, &r.dec) != StatusOK {
		C.pacta_request_free(r.req)
		return nil, &Error{Status: StatusNoMem, Message: "out of memory"}
	}
	// libpacta's objects must be freed before their module: Close frees
	// those of the Requests not freed
	m.slock.Lock()
	m.live[r.req] = r.dec
	m.slock.Unlock()
	return r, nil
}

// begin enters the module for a call of the request, until r.m.leave:
// ErrClosed once the module is closed (its objects are freed then, or
// about to be), ErrMisuse once the request is freed.
func (r *Request) begin() error {
	if err := r.m.enter(); err != nil {
		return err
	}
	if r.req == nil {
		r.m.leave()
		return &Error{Status: StatusMisuse, Message: "the request is freed"}
	}
	return nil
}

// Free frees the request; again, or after Close (which freed it), it
// does nothing.
func (r *Request) Free() {
	if r.req == nil {
		return
	}
	m := r.m
	// under slock, against Close freeing it too
	m.slock.Lock()
	if dec, ok := m.live[r.req]; ok {
		C.pacta_decision_free(dec)
		C.pacta_request_free(r.req)
		delete(m.live, r.req)
	}
	m.slock.Unlock()
	r.req, r.dec = nil, nil
}

// Reset gives every field its default again; after Close or Free it does
// nothing (the calls after say why).
func (r *Request) Reset() {
	if r.begin() != nil {
		return
	}
	C.pacta_request_reset(r.req)
	r.m.leave()
}

func (r *Request) status(rc C.int) error {
	if rc != StatusOK {
		return errorOf(rc, &r.err)
	}
	return nil
}

// SetBool, SetInt, SetDays, SetYears, SetDate, SetEnum, AddMember and
// ClearSet set field `field` (FieldIndex); a wrong type is ErrMisuse, an
// unknown member or bad date an *Error with StatusRange; ErrClosed once
// the module is closed.
func (r *Request) SetBool(field int, v bool) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	b := C.int(0)
	if v {
		b = 1
	}
	return r.status(C.pacta_request_set_bool(r.req, C.int(field), b, &r.err))
}
func (r *Request) SetInt(field int, v int64) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	return r.status(C.pacta_request_set_int(r.req, C.int(field), C.int64_t(v), &r.err))
}
func (r *Request) SetDays(field int, v int64) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	return r.status(C.pacta_request_set_days(r.req, C.int(field), C.int64_t(v), &r.err))
}
func (r *Request) SetYears(field int, v int64) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	return r.status(C.pacta_request_set_years(r.req, C.int(field), C.int64_t(v), &r.err))
}
func (r *Request) SetDate(field int, t time.Time) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	return r.status(C.pacta_request_set_date(r.req, C.int(field), C.int(t.Year()), C.int(t.Month()),
		C.int(t.Day()), &r.err))
}
func (r *Request) SetEnum(field int, member string) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	if err := r.noNUL(field, member); err != nil {
		return err
	}
	c := C.CString(member)
	defer C.free(unsafe.Pointer(c))
	return r.status(C.pacta_request_set_enum(r.req, C.int(field), c, &r.err))
}
func (r *Request) SetEnumIndex(field, member int) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	return r.status(C.pacta_request_set_enum_index(r.req, C.int(field), C.int(member), &r.err))
}
func (r *Request) AddMember(field int, member string) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	if err := r.noNUL(field, member); err != nil {
		return err
	}
	c := C.CString(member)
	defer C.free(unsafe.Pointer(c))
	return r.status(C.pacta_request_set_add(r.req, C.int(field), c, &r.err))
}
func (r *Request) ClearSet(field int) error {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.m.leave()
	return r.status(C.pacta_request_set_clear(r.req, C.int(field), &r.err))
}

// noNUL: a member name with a NUL byte is no member, though C would read
// it only up to the NUL and might find one.
func (r *Request) noNUL(field int, member string) error {
	if strings.IndexByte(member, 0) < 0 {
		return nil
	}
	name := ""
	if field >= 0 && field < len(r.m.Fields) {
		name = r.m.Fields[field].Name
	}
	return &Error{Status: StatusRange, Field: name,
		Message: fmt.Sprintf("field '%s': unknown value %q (it holds a NUL byte)", name, member)}
}

// Decide decides the request and returns its outcome ("grant", "refer",
// "refuse"); Decision gives the rest.  A required field never set is
// ErrMisuse; ErrClosed once the module is closed.
func (r *Request) Decide() (string, error) {
	if err := r.begin(); err != nil {
		return "", err
	}
	defer r.m.leave()
	if rc := C.pacta_decide(r.m.mod, r.req, r.dec, &r.err); rc != StatusOK {
		return "", errorOf(rc, &r.err)
	}
	return outcomes[C.pacta_decision_outcome(r.dec)], nil
}

// JSON is the last decision as `pacta eval` writes it; ErrClosed once the
// module is closed.
func (r *Request) JSON(trace bool) (string, error) {
	if err := r.begin(); err != nil {
		return "", err
	}
	defer r.m.leave()
	t := C.int(0)
	if trace {
		t = 1
	}
	var need C.size_t
	if rc := C.pacta_decision_json(r.dec, t, nil, 0, &need); rc != StatusRange {
		return "", &Error{Status: int(rc), Message: "no decision"}
	}
	buf := make([]byte, int(need))
	C.pacta_decision_json(r.dec, t, ptr(buf), need, nil)
	return string(buf[:need-1]), nil
}

// String says which module the request is for.
func (r *Request) String() string { return fmt.Sprintf("pacta.Request(%s)", r.m.Path) }
