// pacta_test.go — the Go binding against the pacta command: what a module
// says about itself, the texts it carries against the files it was built
// from, decisions and error lines against `pacta eval` (the example
// requests, and 10,000 random ones made from the module's own schema),
// explanations against `pacta explain`, signed modules, errors,
// requests filled field by field, a cancelled context, 8 goroutines
// sharing one module, sessions freed, Close while deciding and while a
// DecideMany blocks on its reader or writer, Requests after Close, lines
// longer than a read, and NUL bytes.  Benchmarks for bench/bindings.sh.
//
//	PKG_CONFIG_PATH=build LD_LIBRARY_PATH=build PACTA=$PWD/build/pacta go test ./bindings/go
package pacta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	root    string
	tmp     string
	soPath  string
	example string
	lines   []string
)

func pacta(t testing.TB, args ...string) string {
	bin := os.Getenv("PACTA")
	if bin == "" {
		bin = filepath.Join(root, "build", "pacta")
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok || t != nil && len(out) == 0 {
			if t != nil {
				t.Fatalf("pacta %v: %v", args, err)
			}
			panic(err)
		}
	}
	return string(out)
}

func TestMain(m *testing.M) {
	root, _ = filepath.Abs("../..")
	tmp, _ = os.MkdirTemp("", "pacta-go-")
	example = filepath.Join(root, "examples", "model-agreement")
	soPath = filepath.Join(tmp, "model.so")
	pacta(nil, "build", example+".pacta", "-o", soPath)
	b, _ := os.ReadFile(example + ".jsonl")
	lines = strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	rc := m.Run()
	os.RemoveAll(tmp)
	os.Exit(rc)
}

func open(t testing.TB) *Module {
	m, err := Open(soPath)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func evalLines(t testing.TB, path string, trace bool) []string {
	args := []string{"eval"}
	if trace {
		args = append(args, "--trace")
	}
	out := pacta(t, append(args, soPath, path)...)
	return strings.Split(strings.TrimRight(out, "\n"), "\n")
}

func TestModule(t *testing.T) {
	m := open(t)
	defer m.Close()
	if m.Title != "Model Agreement on Cooperation against Cybercrime" || m.Version != "2.1" {
		t.Fatalf("title %q version %q", m.Title, m.Version)
	}
	if !strings.HasPrefix(m.Text, "The worked example of the Pacta language: a fictitious agreement") {
		t.Fatalf("text %q", m.Text)
	}
	if fmt.Sprint(m.Parties) != "[XA XB]" || m.Effective.Format("2006-01-02") != "2025-01-01" ||
		m.Expires.Format("2006-01-02") != "2035-12-31" {
		t.Fatalf("parties %v effective %v expires %v", m.Parties, m.Effective, m.Expires)
	}
	inspect := pacta(t, "inspect", soPath)
	if !strings.Contains(inspect, "sha256:"+m.SourceHash) || m.Signer != "" {
		t.Fatalf("source hash %s, signer %q", m.SourceHash, m.Signer)
	}
	for _, f := range m.Fields {
		want := "  " + f.Name
		if !strings.Contains(inspect, want) || f.Required != (f.Default == nil) {
			t.Fatalf("field %+v", f)
		}
	}
	if m.FieldIndex("offence") < 0 || m.FieldIndex("nothing") != -1 {
		t.Fatal("FieldIndex")
	}
	if m.Clauses[0].Label != "1.1" || m.Clauses[0].Article != "1" || m.Clauses[0].Kind != "clause" {
		t.Fatalf("clause %+v", m.Clauses[0])
	}
	if m.Obligations[0].Name != "retain_at_most" || m.Obligations[0].Type != "days" || !m.Obligations[1].Flag {
		t.Fatalf("obligations %+v", m.Obligations)
	}
}

func readText(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The module carries the agreement's text and each file it imports, once,
// named by the import that first read it (as pacta inspect lists them): a
// Party's reservations and the standard library.
func TestSources(t *testing.T) {
	ex := filepath.Join(root, "examples")
	std := filepath.Join(root, "stdlib", "std")
	so := filepath.Join(tmp, "budapest.so")
	pacta(t, "build", filepath.Join(ex, "budapest.pacta"), "-o", so)
	m, err := Open(so)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Source != readText(t, filepath.Join(ex, "budapest.pacta")) {
		t.Fatalf("source of %d bytes", len(m.Source))
	}
	if m.SourceName != "" { // pacta build records none
		t.Fatalf("source name %q", m.SourceName)
	}
	want := []Import{
		{"std.mla", readText(t, filepath.Join(std, "mla.pacta"))},
		{"std.countries", readText(t, filepath.Join(std, "countries.pacta"))},
		{"std.offences", readText(t, filepath.Join(std, "offences.pacta"))},
		{"std.privacy", readText(t, filepath.Join(std, "privacy.pacta"))},
		{"budapest-reservations-XA.pacta", readText(t, filepath.Join(ex, "budapest-reservations-XA.pacta"))},
		{"budapest-reservations-XD.pacta", readText(t, filepath.Join(ex, "budapest-reservations-XD.pacta"))},
	}
	if len(m.Imports) != len(want) {
		t.Fatalf("%d imports, want %d", len(m.Imports), len(want))
	}
	for k, i := range m.Imports {
		if i != want[k] {
			t.Fatalf("import %d: %q of %d bytes, want %q of %d", k, i.Name, len(i.Source), want[k].Name,
				len(want[k].Source))
		}
	}
	inspect := pacta(t, "inspect", so)
	if !strings.Contains(inspect, fmt.Sprintf("of the agreement's %d bytes", len(m.Source))) {
		t.Fatalf("pacta inspect:\n%s", inspect)
	}
	listed := regexp.MustCompile(`\n  (\S+)(?: \(in \S+\))? +(\d+) bytes`).FindAllStringSubmatch(inspect, -1)
	for k, i := range m.Imports {
		if k >= len(listed) || listed[k][1] != i.Name || listed[k][2] != fmt.Sprint(len(i.Source)) {
			t.Fatalf("import %d (%s), against pacta inspect:\n%s", k, i.Name, inspect)
		}
	}
	if len(listed) != len(m.Imports) {
		t.Fatalf("pacta inspect lists %d imports", len(listed))
	}
	// the model agreement imports the standard library only
	mm := open(t)
	defer mm.Close()
	var names []string
	for _, i := range mm.Imports {
		names = append(names, i.Name)
	}
	if fmt.Sprint(names) != "[std.mla std.countries std.offences std.privacy]" ||
		mm.Source != readText(t, example+".pacta") {
		t.Fatalf("the model agreement: imports %v, source of %d bytes", names, len(mm.Source))
	}
}

// An agreement importing nothing: its text (not ASCII) and no files; the
// text is the canonical form, the layout pacta fmt gives it.
func TestSourcesNoImports(t *testing.T) {
	// an agreement importing nothing, in the canonical layout (the
	// Python binding's tests read it too)
	solo := readText(t, filepath.Join(root, "tests", "bindings", "solo.pacta"))
	path := filepath.Join(tmp, "solo.pacta")
	if err := os.WriteFile(path, []byte(solo), 0o644); err != nil {
		t.Fatal(err)
	}
	pacta(t, "fmt", "--check", path)
	so := filepath.Join(tmp, "solo.so")
	pacta(t, "build", path, "-o", so)
	m, err := Open(so)
	if err != nil {
		t.Fatal(err)
	}
	if m.Source != solo || m.SourceName != "" || len(m.Imports) != 0 {
		t.Fatalf("source %q, name %q, imports %v", m.Source, m.SourceName, m.Imports)
	}
	m.Close()
	ugly := strings.ReplaceAll(strings.Replace(solo, "grant when", "grant   when", 1), "\n", "  \r\n")
	path = filepath.Join(tmp, "solo-crlf.pacta")
	if err := os.WriteFile(path, []byte(ugly), 0o644); err != nil {
		t.Fatal(err)
	}
	pacta(t, "build", path, "-o", so)
	if m, err = Open(so); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Source != solo {
		t.Fatalf("source %q, want the canonical form", m.Source)
	}
}

func TestDecideAsEval(t *testing.T) {
	m := open(t)
	defer m.Close()
	want := evalLines(t, example+".jsonl", false)
	for i, line := range lines {
		got, err := m.DecideJSON(nil, []byte(line), false)
		g := string(got)
		if err != nil {
			if !errors.Is(err, ErrInput) {
				t.Fatalf("line %d: %v", i+1, err)
			}
			g = strings.Replace(g, `"line 1, `, fmt.Sprintf(`"line %d, `, i+1), 1)
		}
		if g != want[i] {
			t.Fatalf("line %d:\n got  %s\n want %s", i+1, g, want[i])
		}
	}
	for _, trace := range []bool{false, true} {
		var out bytes.Buffer
		bad, err := m.DecideMany(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &out, trace)
		if err != nil {
			t.Fatal(err)
		}
		w := strings.Join(evalLines(t, example+".jsonl", trace), "\n") + "\n"
		if out.String() != w {
			t.Fatalf("DecideMany (trace %v):\n%s\nwant\n%s", trace, out.String(), w)
		}
		if bad != strings.Count(w, `"error": `) {
			t.Fatalf("DecideMany: %d bad lines", bad)
		}
	}
}

func TestDecision(t *testing.T) {
	m := open(t)
	defer m.Close()
	d, err := m.Decide([]byte(lines[0]))
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != "grant" || string(d.ID) != "1" || d.Ground != "clauses" {
		t.Fatalf("%+v", d)
	}
	if len(d.Grounds) != 1 || d.Grounds[0] != (Ground{"1.1", "the offence is a core cybercrime punishable by at least four years", false}) {
		t.Fatalf("grounds %+v", d.Grounds)
	}
	if d.Obligations["retain_at_most"] != Days(180) || d.Obligations["no_onward_transfer"] != true {
		t.Fatalf("obligations %+v", d.Obligations)
	}
	os.WriteFile(filepath.Join(tmp, "req.json"), []byte(lines[4]), 0o644)
	want := pacta(t, "explain", soPath, filepath.Join(tmp, "req.json"))
	want = want[strings.Index(want, "\n")+1:]
	d, _ = m.Decide([]byte(lines[4]))
	if got, err := d.Explain(); err != nil || got != want {
		t.Fatalf("explain: %v\n%s\nwant\n%s", err, got, want)
	}
	// a request object over several lines
	multi := strings.Replace(lines[0], ", ", ",\n ", -1) + "\n"
	if d2, err := m.Decide([]byte(multi)); err != nil || d2.JSON != strings.Replace(evalLines(t, example+".jsonl", false)[0], "", "", 0) {
		t.Fatalf("several lines: %v %v", err, d2)
	}
}

func TestErrors(t *testing.T) {
	m := open(t)
	defer m.Close()
	_, err := m.Decide([]byte(lines[len(lines)-1]))
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrInput) || e.Line != 1 || e.Field != "max_penalty" ||
		e.Column == 0 || e.StatusName() != "PACTA_INPUT" || !strings.HasPrefix(e.JSON, `{"id": 17, "error": "line 1, column `) {
		t.Fatalf("%#v", err)
	}
	for _, bad := range []string{"{", "", "[1]", `{"id": 1}`} {
		if _, err := m.Decide([]byte(bad)); !errors.Is(err, ErrInput) {
			t.Fatalf("%q: %v", bad, err)
		}
	}
	if _, err := Open(filepath.Join(tmp, "absent.so")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("absent: %v", err)
	}
	b, _ := os.ReadFile(soPath)
	os.WriteFile(filepath.Join(tmp, "bad.so"), b[:2000], 0o644)
	if _, err := Open(filepath.Join(tmp, "bad.so")); !errors.Is(err, ErrBadModule) {
		t.Fatalf("bad: %v", err)
	}
	m2 := open(t)
	m2.Close()
	if _, err := m2.Decide([]byte(lines[0])); err != ErrClosed {
		t.Fatalf("closed: %v", err)
	}
	if err := m2.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestSigned(t *testing.T) {
	key, other := filepath.Join(tmp, "key"), filepath.Join(tmp, "other")
	signed := filepath.Join(tmp, "signed.so")
	pacta(t, "keygen", key)
	pacta(t, "keygen", other)
	pacta(t, "build", "--sign", key, example+".pacta", "-o", signed)
	pub, _ := os.ReadFile(key + ".pub")
	hex := strings.Fields(string(pub))[1]
	for _, trust := range [][]string{{key + ".pub"}, {other + ".pub", hex}} {
		m, err := Open(signed, Trust(trust...))
		if err != nil || m.Signer != hex {
			t.Fatalf("trusted %v: %v", trust, err)
		}
		m.Close()
	}
	if _, err := Open(signed, Trust(other+".pub")); !errors.Is(err, ErrSignature) {
		t.Fatalf("other key: %v", err)
	}
	if _, err := Open(soPath, Trust(key+".pub")); !errors.Is(err, ErrSignature) {
		t.Fatalf("unsigned: %v", err)
	}
}

// randomRequests: n requests over the module's schema, about one in 25 broken.
func randomRequests(m *Module, n int, seed int64) []string {
	rnd := rand.New(rand.NewSource(seed))
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		var b strings.Builder
		if i%3 == 0 {
			fmt.Fprintf(&b, `{"id": "r-%d"`, i)
		} else {
			fmt.Fprintf(&b, `{"id": %d`, i)
		}
		for _, f := range m.Fields {
			if !f.Required && rnd.Float64() < 0.3 {
				continue
			}
			var v string
			switch f.Type {
			case "bool":
				v = fmt.Sprint(rnd.Intn(2) == 1)
			case "int":
				v = fmt.Sprint(rnd.Intn(66) - 5)
			case "days":
				v = fmt.Sprint(rnd.Intn(800))
			case "years":
				v = fmt.Sprint(rnd.Intn(13))
			case "date":
				v = `"` + time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rnd.Intn(8000)).Format("2006-01-02") + `"`
			case "enum":
				if len(m.Parties) > 0 && strings.HasSuffix(f.Name, "_party") && rnd.Float64() < 0.9 {
					v = `"` + m.Parties[rnd.Intn(len(m.Parties))] + `"`
				} else {
					v = `"` + f.Members[rnd.Intn(len(f.Members))] + `"`
				}
			case "set":
				var ms []string
				for k := rnd.Intn(4); k > 0; k-- {
					ms = append(ms, `"`+f.Members[rnd.Intn(len(f.Members))]+`"`)
				}
				v = "[" + strings.Join(ms, ", ") + "]"
			}
			fmt.Fprintf(&b, `, "%s": %s`, f.Name, v)
		}
		switch k := rnd.Float64(); {
		case k < 0.01:
			b.WriteString(`, "no_such_field": 1}`)
		case k < 0.02:
			b.WriteString(`, "offence": "NOT_A_MEMBER"}`)
		case k < 0.03:
			b.WriteString(`, "max_penalty": "five"}`)
		case k < 0.04:
			b.WriteString(`, "x": `)
		default:
			b.WriteString("}")
		}
		out = append(out, b.String())
	}
	return out
}

func TestDifferential10000(t *testing.T) {
	m := open(t)
	defer m.Close()
	reqs := randomRequests(m, 10000, 17)
	path := filepath.Join(tmp, "random.jsonl")
	os.WriteFile(path, []byte(strings.Join(reqs, "\n")+"\n"), 0o644)
	want := evalLines(t, path, false)
	if len(want) != 10000 {
		t.Fatalf("pacta eval: %d lines", len(want))
	}
	var out bytes.Buffer
	bad, err := m.DecideMany(context.Background(), strings.NewReader(strings.Join(reqs, "\n")+"\n"), &out, false)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	outcomes := map[string]int{}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("request %d: %s\n got  %s\n want %s", i+1, reqs[i], got[i], want[i])
		}
		d, err := m.Decide([]byte(reqs[i]))
		if err == nil {
			outcomes[d.Outcome]++
			if d.JSON != want[i] {
				t.Fatalf("Decide %d: %s", i+1, d.JSON)
			}
		} else if !errors.Is(err, ErrInput) {
			t.Fatal(err)
		}
	}
	if bad < 100 || bad > 1000 || len(outcomes) != 3 {
		t.Fatalf("%d bad lines, outcomes %v: the requests test too little", bad, outcomes)
	}
}

func TestGoroutines(t *testing.T) {
	m := open(t)
	defer m.Close()
	reqs := randomRequests(m, 2000, 5)
	want := make([]string, len(reqs))
	for i, r := range reqs {
		b, _ := m.DecideJSON(nil, []byte(r), true)
		want[i] = string(b)
	}
	var wg sync.WaitGroup
	fails := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(int64(g)))
			var buf []byte
			for k := 0; k < 5000; k++ {
				i := rnd.Intn(len(reqs))
				buf, _ = m.DecideJSON(buf[:0], []byte(reqs[i]), true)
				if string(buf) != want[i] {
					fails <- fmt.Sprintf("goroutine %d, request %d: %s", g, i, buf)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(fails)
	for f := range fails {
		t.Fatal(f)
	}
}

// newRequest is a request of m, freed when the test ends.
func newRequest(t *testing.T, m *Module) *Request {
	t.Helper()
	r, err := m.NewRequest()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Free)
	return r
}

func TestRequestFieldByField(t *testing.T) {
	m := open(t)
	defer m.Close()
	r := newRequest(t, m)
	var v map[string]any
	var err error
	json.Unmarshal([]byte(lines[0]), &v)
	for name, x := range v {
		f := m.FieldIndex(name)
		if name == "id" {
			continue
		}
		switch m.Fields[f].Type {
		case "bool":
			err = r.SetBool(f, x.(bool))
		case "int":
			err = r.SetInt(f, int64(x.(float64)))
		case "years":
			err = r.SetYears(f, int64(x.(float64)))
		case "days":
			err = r.SetDays(f, int64(x.(float64)))
		case "date":
			d, _ := time.Parse("2006-01-02", x.(string))
			err = r.SetDate(f, d)
		case "enum":
			err = r.SetEnum(f, x.(string))
		case "set":
			r.ClearSet(f)
			for _, s := range x.([]any) {
				if err = r.AddMember(f, s.(string)); err != nil {
					break
				}
			}
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if o, err := r.Decide(); err != nil || o != "grant" {
		t.Fatalf("%s %v", o, err)
	}
	j, _ := r.JSON(false)
	want := strings.Replace(evalLines(t, example+".jsonl", false)[0], `{"id": 1, `, "{", 1)
	if j != want {
		t.Fatalf("%s\nwant %s", j, want)
	}
	if err := r.SetEnum(m.FieldIndex("offence"), "nothing"); err == nil {
		t.Fatal("an unknown member was set")
	}
	if err := r.SetBool(m.FieldIndex("offence"), true); !errors.Is(err, ErrMisuse) {
		t.Fatalf("wrong type: %v", err)
	}
	r.Reset()
	if _, err := r.Decide(); !errors.Is(err, ErrMisuse) {
		t.Fatalf("required fields unset: %v", err)
	}
}

func TestContext(t *testing.T) {
	m := open(t)
	defer m.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.DecideMany(ctx, strings.NewReader(lines[0]), &bytes.Buffer{}, false); err != context.Canceled {
		t.Fatalf("%v", err)
	}
}

// ---- benchmarks (bench/bindings.sh) ----

func benchLines(b *testing.B, m *Module) []byte {
	var good []string
	for _, l := range lines {
		if !strings.Contains(l, "hacking") && !strings.Contains(l, `"id": 17`) {
			good = append(good, l)
		}
	}
	return []byte(strings.Join(good, "\n") + "\n")
}

// BenchmarkDecideMany: JSON Lines through DecideMany, one goroutine per CPU.
func BenchmarkDecideMany(b *testing.B) {
	m := open(b)
	defer m.Close()
	text := benchLines(b, m)
	per := bytes.Count(text, []byte("\n"))
	big := bytes.Repeat(text, 10000/per+1)
	n := bytes.Count(big, []byte("\n"))
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.DecideMany(context.Background(), bytes.NewReader(big), discard{}, false)
		}
	})
	b.ReportMetric(float64(b.N)*float64(n)/time.Since(start).Seconds(), "decisions/s")
}

// BenchmarkDecideJSON: one request a call, one goroutine per CPU.
func BenchmarkDecideJSON(b *testing.B) {
	m := open(b)
	defer m.Close()
	req := []byte(lines[0])
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var buf []byte
		for pb.Next() {
			buf, _ = m.DecideJSON(buf[:0], req, false)
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "decisions/s")
}

// BenchmarkRequestDecide: a request filled field by field, decided again
// and again, one goroutine per CPU.
func BenchmarkRequestDecide(b *testing.B) {
	m := open(b)
	defer m.Close()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		r, _ := m.NewRequest()
		defer r.Free()
		r.SetEnum(m.FieldIndex("requesting_party"), "XB")
		r.SetEnum(m.FieldIndex("requested_party"), "XA")
		r.SetDate(m.FieldIndex("submitted"), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
		r.SetEnum(m.FieldIndex("assistance"), "subscriber_info")
		r.SetEnum(m.FieldIndex("offence"), "illegal_access")
		r.SetYears(m.FieldIndex("max_penalty"), 5)
		r.SetBool(m.FieldIndex("specific_investigation"), true)
		r.SetInt(m.FieldIndex("targets"), 1)
		r.ClearSet(m.FieldIndex("data"))
		r.AddMember(m.FieldIndex("data"), "subscriber")
		for pb.Next() {
			if o, err := r.Decide(); err != nil || o != "grant" {
				b.Fatal(o, err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "decisions/s")
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// ExplainTo: the first example request refused, made granted; the request
// found is granted by the module and by the interpreter, and the words are
// `pacta explain --to grant`'s.
func TestExplainTo(t *testing.T) {
	m := open(t)
	defer m.Close()
	answers := evalLines(t, example+".jsonl", false)
	refused := ""
	for i, a := range answers {
		if strings.Contains(a, `"outcome": "refuse"`) {
			refused = lines[i]
			break
		}
	}
	if refused == "" {
		t.Fatal("no refused example request")
	}
	w, err := m.ExplainTo(context.Background(), []byte(refused), "grant")
	if err != nil {
		t.Fatal(err)
	}
	if w.To != "grant" || w.Answer != "found" || len(w.Changes) == 0 {
		t.Fatalf("answer %+v", w)
	}
	d, err := m.Decide(w.Request)
	if err != nil || d.Outcome != "grant" {
		t.Fatalf("the request found, decided: %v %v", d, err)
	}
	path := filepath.Join(tmp, "found.json")
	os.WriteFile(path, w.Request, 0o644)
	if out := pacta(t, "eval", example+".pacta", path); !strings.Contains(out, `"outcome": "grant"`) {
		t.Fatalf("the interpreter decides the request found: %s", out)
	}
	req := filepath.Join(tmp, "refused.json")
	os.WriteFile(req, []byte(refused), 0o644)
	words := pacta(t, "explain", "--to", "grant", soPath, req)
	if want := words[strings.Index(words, "\n")+1:]; w.Text != want {
		t.Fatalf("text %q, want %q", w.Text, want)
	}
	if w, err := m.ExplainTo(context.Background(), []byte(refused), "refuse"); err != nil || w.Answer != "already" {
		t.Fatalf("to refuse: %+v %v", w, err)
	}
	if _, err := m.ExplainTo(context.Background(), []byte(refused), "maybe"); !errors.Is(err, ErrMisuse) {
		t.Fatalf("to maybe: %v", err)
	}
	if _, err := m.ExplainTo(context.Background(), []byte(lines[len(lines)-1]), "grant"); !errors.Is(err, ErrInput) {
		t.Fatalf("a refused line: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.ExplainTo(ctx, []byte(refused), "grant"); err != context.Canceled {
		t.Fatalf("a cancelled context: %v", err)
	}
}

// ExplainTo holds the date of submission: a request sent after the term
// is not told to be sent earlier; Held names the field in the way.
func TestExplainToHeld(t *testing.T) {
	so := filepath.Join(tmp, "term.so")
	pacta(t, "build", filepath.Join(root, "tests", "e2e", "explain-to", "term.pacta"), "-o", so)
	m, err := Open(so)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	late := `{"requesting_party":"XA","requested_party":"XB","submitted":"2031-03-01","offence_date":"2031-01-01"}`
	w, err := m.ExplainTo(context.Background(), []byte(late), "grant")
	if err != nil {
		t.Fatal(err)
	}
	if w.Answer != "impossible" || len(w.Held) != 1 || w.Held[0] != "submitted" || !w.Scope {
		t.Fatalf("answer %+v", w)
	}
}

// Without the prover: ErrUnsupported.  libpacta loads it once a process,
// so the test runs itself again in a process of its own with
// PACTA_PROVE_LIBRARY naming no file, where it takes the first branch.
func TestExplainToUnsupported(t *testing.T) {
	const none = "/nonexistent/libpacta-prove.so.0"
	if os.Getenv("PACTA_PROVE_LIBRARY") == none {
		m := open(t)
		defer m.Close()
		_, err := m.ExplainTo(context.Background(), []byte(lines[0]), "grant")
		var e *Error
		if !errors.Is(err, ErrUnsupported) || !errors.As(err, &e) ||
			!strings.Contains(e.Message, "needs the prover, libpacta-prove.so.0, which could not be loaded: "+none) {
			t.Fatalf("without the prover: %v", err)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestExplainToUnsupported$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PACTA_PROVE_LIBRARY="+none)
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("in a process of its own: %v\n%s", err, out)
	}
}

// Sessions the pool drops at a garbage collection are freed: deciding with
// a collection between calls keeps a few alive, not one a collection.
func TestSessionsFreed(t *testing.T) {
	m := open(t)
	defer m.Close()
	for i := 0; i < 300; i++ {
		if _, err := m.Decide([]byte(lines[0])); err != nil {
			t.Fatal(err)
		}
		runtime.GC()
	}
	// finalizers run in a goroutine of their own, after the collection
	for k := 0; k < 100 && m.liveSessions() > 4; k++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := m.liveSessions(); n > 4 {
		t.Fatalf("%d sessions alive after 300 decisions, each followed by a collection", n)
	}
	m.Close()
	if n := m.liveSessions(); n != 0 {
		t.Fatalf("%d sessions alive after Close", n)
	}
}

// Close while goroutines decide, and the collector frees sessions: each
// call decides or is ErrClosed, and Close leaves nothing alive.
func TestCloseWhileDeciding(t *testing.T) {
	for round := 0; round < 5; round++ {
		m := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for k := 0; ; k++ {
					var err error
					if g%2 == 0 {
						_, err = m.Decide([]byte(lines[k%len(lines)]))
					} else {
						_, err = m.DecideMany(context.Background(), strings.NewReader(strings.Join(lines, "\n")), discard{}, false)
					}
					if err == ErrClosed {
						return
					}
					if err != nil && !errors.Is(err, ErrInput) {
						errs <- err
						return
					}
					if k%50 == 0 {
						runtime.GC()
					}
				}
			}(g)
		}
		time.Sleep(30 * time.Millisecond)
		m.Close()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n := m.liveSessions(); n != 0 {
			t.Fatalf("%d sessions alive after Close", n)
		}
	}
}

// Lines longer than DecideMany's 64 KiB reads are decided whole, as pacta
// eval decides them; a line cut by a read error is not decided.
func TestDecideManyLongLines(t *testing.T) {
	m := open(t)
	defer m.Close()
	pad := func(line string, n int) string {
		return strings.Replace(line, "{", "{"+strings.Repeat(" ", n), 1)
	}
	in := []string{lines[0], pad(lines[1], 70000), lines[2], pad(lines[3], 1<<16-1), pad(lines[4], 300000),
		pad(lines[len(lines)-1], 1<<17), lines[5]}
	path := filepath.Join(tmp, "long.jsonl")
	text := strings.Join(in, "\n") + "\n"
	os.WriteFile(path, []byte(text), 0o644)
	want := strings.Join(evalLines(t, path, false), "\n") + "\n"
	var out bytes.Buffer
	bad, err := m.DecideMany(context.Background(), strings.NewReader(text), &out, false)
	if err != nil || out.String() != want || bad != 1 {
		t.Fatalf("%d bad, %v:\n%s\nwant\n%s", bad, err, out.String(), want)
	}

	boom := errors.New("boom")
	out.Reset()
	r := io.MultiReader(strings.NewReader(lines[0]+"\n"+lines[1][:40]), &failing{boom})
	if _, err := m.DecideMany(context.Background(), r, &out, false); err != boom {
		t.Fatalf("a read error: %v", err)
	}
	if got := strings.Count(out.String(), "\n"); got != 1 {
		t.Fatalf("a read error: %d answers:\n%s", got, out.String())
	}
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }

// Trust() with no keys would trust nothing: PACTA_MISUSE, as libpacta
// says of an empty trust list, and never an unsigned module loaded.
func TestTrustNoKeys(t *testing.T) {
	if m, err := Open(soPath, Trust()); !errors.Is(err, ErrMisuse) {
		if m != nil {
			m.Close()
		}
		t.Fatalf("Trust(): %v", err)
	}
}

// A NUL byte in a string given to C is an error, not the string cut there.
func TestNUL(t *testing.T) {
	if m, err := Open(soPath + "\x00junk"); !errors.Is(err, ErrMisuse) {
		if m != nil {
			m.Close()
		}
		t.Fatalf("a path with a NUL: %v", err)
	}
	if _, err := Open(soPath, Trust(strings.Repeat("ab", 32)+"\x00")); !errors.Is(err, ErrMisuse) {
		t.Fatalf("a key with a NUL: %v", err)
	}
	m := open(t)
	defer m.Close()
	r := newRequest(t, m)
	var e *Error
	if err := r.SetEnum(m.FieldIndex("offence"), "illegal_access\x00junk"); !errors.As(err, &e) ||
		e.Status != StatusRange || e.Field != "offence" {
		t.Fatalf("SetEnum with a NUL: %v", err)
	}
	if err := r.AddMember(m.FieldIndex("data"), "subscriber\x00junk"); !errors.Is(err, &Error{Status: StatusRange}) {
		t.Fatalf("AddMember with a NUL: %v", err)
	}
}

// A Request, and a Decision, outliving its module: every call is
// ErrClosed, never libpacta's objects read after Close freed them (a
// crash, before); Reset and Free do nothing.
func TestRequestAfterClose(t *testing.T) {
	m := open(t)
	r, err := m.NewRequest()
	if err != nil {
		t.Fatal(err)
	}
	freed, _ := m.NewRequest()
	freed.Free()
	offence := m.FieldIndex("offence")
	if err := r.SetEnum(offence, "illegal_access"); err != nil {
		t.Fatal(err)
	}
	d, err := m.Decide([]byte(lines[0]))
	if err != nil {
		t.Fatal(err)
	}
	m.Close()
	if n := m.liveSessions(); n != 0 {
		t.Fatalf("%d requests or sessions alive after Close", n)
	}
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for name, call := range map[string]func() error{
		"SetBool":      func() error { return r.SetBool(m.FieldIndex("specific_investigation"), true) },
		"SetInt":       func() error { return r.SetInt(m.FieldIndex("targets"), 1) },
		"SetDays":      func() error { return r.SetDays(m.FieldIndex("duration"), 30) },
		"SetYears":     func() error { return r.SetYears(m.FieldIndex("max_penalty"), 5) },
		"SetDate":      func() error { return r.SetDate(m.FieldIndex("submitted"), day) },
		"SetEnum":      func() error { return r.SetEnum(offence, "illegal_access") },
		"SetEnumNUL":   func() error { return r.SetEnum(offence, "illegal_access\x00") },
		"SetEnumIndex": func() error { return r.SetEnumIndex(offence, 0) },
		"AddMember":    func() error { return r.AddMember(m.FieldIndex("data"), "subscriber") },
		"ClearSet":     func() error { return r.ClearSet(m.FieldIndex("data")) },
		"Decide":       func() error { _, err := r.Decide(); return err },
		"JSON":         func() error { _, err := r.JSON(false); return err },
		"Explain":      func() error { _, err := d.Explain(); return err },
		"NewRequest":   func() error { _, err := m.NewRequest(); return err },
	} {
		if err := call(); !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close: %v, not ErrClosed", name, err)
		}
	}
	r.Reset()
	r.Free()
	r.Free()
	freed.Free()
	if _, err := r.Decide(); !errors.Is(err, ErrClosed) {
		t.Errorf("Decide after Close and Free: %v", err)
	}
}

// A Request freed is no request: ErrMisuse, and Free again does nothing.
func TestRequestFreed(t *testing.T) {
	m := open(t)
	defer m.Close()
	r, _ := m.NewRequest()
	r.Free()
	r.Free()
	r.Reset()
	if err := r.SetInt(m.FieldIndex("targets"), 1); !errors.Is(err, ErrMisuse) {
		t.Fatalf("SetInt on a freed request: %v", err)
	}
	if _, err := r.Decide(); !errors.Is(err, ErrMisuse) {
		t.Fatalf("Decide on a freed request: %v", err)
	}
	if n := m.liveSessions(); n > 1 {
		t.Fatalf("%d requests or sessions alive", n)
	}
}

// blocking is a reader or writer that blocks on its first call until
// released; reads give lines, writes go to out.
type blocking struct {
	waiting, release chan struct{}
	once             sync.Once
	in               *strings.Reader
	out              bytes.Buffer
}

func newBlocking(in string) *blocking {
	return &blocking{waiting: make(chan struct{}), release: make(chan struct{}), in: strings.NewReader(in)}
}

func (b *blocking) wait() {
	b.once.Do(func() {
		close(b.waiting)
		<-b.release
	})
}

func (b *blocking) Read(p []byte) (int, error) {
	b.wait()
	return b.in.Read(p)
}

func (b *blocking) Write(p []byte) (int, error) {
	b.wait()
	return b.out.Write(p)
}

// A DecideMany blocked on its reader or its writer holds nothing that
// other calls or Close wait for: another goroutine decides meanwhile,
// Close returns at once and calls after it are ErrClosed; the DecideMany,
// released, stops with ErrClosed, having written the answers it had made.
// (Before, Close waited for the reader, and every Decide queued behind
// Close.)
func TestDecideManyBlocked(t *testing.T) {
	const timeout = 10 * time.Second
	in := strings.Join(lines, "\n") + "\n"
	for _, blockOn := range []string{"reader", "writer"} {
		m := open(t)
		b := newBlocking(in)
		var r io.Reader = b
		var w io.Writer = b
		if blockOn == "reader" {
			w = &bytes.Buffer{}
		} else {
			r = strings.NewReader(in)
		}
		type result struct {
			bad int
			err error
		}
		many := make(chan result, 1)
		go func() {
			bad, err := m.DecideMany(context.Background(), r, w, false)
			many <- result{bad, err}
		}()
		select {
		case <-b.waiting:
		case <-time.After(timeout):
			t.Fatalf("%s: DecideMany never read or wrote", blockOn)
		}

		decided := make(chan error, 1)
		go func() {
			_, err := m.Decide([]byte(lines[0]))
			decided <- err
		}()
		select {
		case err := <-decided:
			if err != nil {
				t.Fatalf("%s: Decide while DecideMany blocks: %v", blockOn, err)
			}
		case <-time.After(timeout):
			t.Fatalf("%s: Decide waits for a DecideMany blocked on its %s", blockOn, blockOn)
		}

		closed := make(chan error, 1)
		go func() { closed <- m.Close() }()
		select {
		case err := <-closed:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(timeout):
			close(b.release)
			t.Fatalf("%s: Close waits for a DecideMany blocked on its %s", blockOn, blockOn)
		}
		go func() {
			_, err := m.Decide([]byte(lines[0]))
			decided <- err
		}()
		select {
		case err := <-decided:
			if err != ErrClosed {
				t.Fatalf("%s: Decide after Close: %v", blockOn, err)
			}
		case <-time.After(timeout):
			close(b.release)
			t.Fatalf("%s: Decide after Close blocks", blockOn)
		}

		close(b.release)
		var res result
		select {
		case res = <-many:
		case <-time.After(timeout):
			t.Fatalf("%s: DecideMany never ended once released", blockOn)
		}
		switch blockOn {
		case "reader":
			// the lines were read after Close: none decided
			if res.err != ErrClosed || w.(*bytes.Buffer).Len() != 0 {
				t.Fatalf("reader: DecideMany after Close: %v, wrote %q", res.err, w.(*bytes.Buffer).String())
			}
		case "writer":
			// all the lines were decided before Close, in one batch,
			// and their answers written once the writer was released
			want := strings.Join(evalLines(t, example+".jsonl", false), "\n") + "\n"
			if res.err != nil || b.out.String() != want {
				t.Fatalf("writer: DecideMany: %v, wrote\n%s\nwant\n%s", res.err, b.out.String(), want)
			}
		}
		if _, err := m.DecideMany(context.Background(), strings.NewReader(in), &bytes.Buffer{}, false); err != ErrClosed {
			t.Fatalf("%s: DecideMany after Close: %v", blockOn, err)
		}
		if n := m.liveSessions(); n != 0 {
			t.Fatalf("%s: %d sessions alive after Close", blockOn, n)
		}
	}
}

// closer closes its module at its first write.
type closer struct {
	m   *Module
	out bytes.Buffer
}

func (c *closer) Write(p []byte) (int, error) {
	c.m.Close()
	return c.out.Write(p)
}

// DecideMany's writer may close the module (DecideMany is not inside
// libpacta while it writes): the answers made are written, and the next
// batch is ErrClosed.
func TestCloseInWriter(t *testing.T) {
	m := open(t)
	w := &closer{m: m}
	// more than a batch: the first is written while the second is read
	var in strings.Builder
	for in.Len() < 3<<16 {
		in.WriteString(strings.Join(lines, "\n") + "\n")
	}
	done := make(chan error, 1)
	go func() {
		_, err := m.DecideMany(context.Background(), strings.NewReader(in.String()), w, false)
		done <- err
	}()
	select {
	case err := <-done:
		if err != ErrClosed || w.out.Len() == 0 || w.out.Len() >= in.Len() {
			t.Fatalf("%v, %d bytes written of answers to %d of requests", err, w.out.Len(), in.Len())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a writer closing the module: DecideMany never ends")
	}
}
