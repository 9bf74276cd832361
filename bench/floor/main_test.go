package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The counts of a three-record corpus, by hand: groups a and b; a has
// 2 + 4 tokens ("the" twice: "The" is lower-cased, "the-mat" splits), b has
// 4; the distinct terms are the, cat, sat, on, mat, café, über and 2024.
func TestCount(t *testing.T) {
	p := write(t, `{"outlet":"a","text":"The cat"}
{"outlet":"a","text":"sat on: the-mat"}
{"outlet":"b","title":"x","text":"Café ÜBER 2024 the"}
`)
	for _, hand := range []bool{false, true} {
		for _, workers := range []int{1, 2, 3} {
			g, terms, tokens, err := count(p, "outlet", workers, hand)
			if err != nil {
				t.Fatal(err)
			}
			if g != 2 || terms != 8 || tokens != 10 {
				t.Errorf("hand %v, workers %d: %d groups, %d terms, %d tokens; want 2, 8, 10", hand, workers, g, terms, tokens)
			}
		}
	}
}

func TestBadRecord(t *testing.T) {
	p := write(t, "{\"outlet\":\"a\",\"text\":\"ok\"}\n{\"outlet\": 3}\n")
	for _, hand := range []bool{false, true} {
		_, _, _, err := count(p, "outlet", 2, hand)
		if err == nil || !strings.Contains(err.Error(), "c.jsonl:2:") {
			t.Fatalf("hand %v: error %v, want one naming line 2", hand, err)
		}
	}
}

// handFields must read what encoding/json reads, and reject what it
// rejects, on records with every escape and every kind of skipped value.
func TestHandFieldsAgreesWithEncodingJSON(t *testing.T) {
	good := []string{
		`{"outlet":"a","text":"plain"}`,
		` { "text" : "x\ny\t\"q\" \\ \/ \b\f\r" , "outlet" : "b\u00e9" } `,
		`{"outlet":"c","text":"smile \ud83d\ude00 lone \ud83d end \u0041"}`,
		`{"id":-1.5e3,"tags":["a",{"k":[1,2,{}]},[]],"ok":true,"no":false,"nil":null,"outlet":"d","text":""}`,
		`{"outlet":"e"}`,
		`{}`,
		`{"outlet":"f","n":1e400,"m":[-0,0.5,-12.25E-3,7e+2,3E1]}`,
		`{"outlet":null,"text":null}`,
		`{"outlet":"g","text":"t","outlet":null,"text":null}`,
		`{"Outlet":"h","TEXT":"u"}`,
		`{"outlet":"a","Outlet":"b","text":"x","Text":"y"}`,
		`{"OUTLET":"a","outlet":"b"}`,
	}
	bad := []string{
		`[1]`, `{"outlet":"a","text":"x"`, `{"outlet":"a" "text":"x"}`, `{"outlet":"a","text":"x\q"}`,
		`{"outlet":"a","text":"x"} trailing`, `{"outlet":"a","n":01x}`, `{"outlet":"a","n":tru}`,
		"{\"outlet\":\"a\",\"text\":\"ctl\x01\"}", `{"outlet":3}`, `{"outlet":"a","text":"\u12"}`,
		`{"outlet":"a","n":01}`, `{"outlet":"a","n":1.}`, `{"outlet":"a","n":-.5}`, `{"outlet":"a","n":1.e5}`,
		`{"outlet":"a","n":1e}`, `{"outlet":"a","n":-}`, `{"outlet":"a","n":+1}`, `{"outlet":"a","n":.5}`,
		`{} x`, `{"outlet":nul}`, `{"text":nullx}`, `{"Text":3}`,
	}
	var kbuf, tbuf []byte
	for _, rec := range good {
		var want struct {
			Outlet string `json:"outlet"`
			Text   string `json:"text"`
		}
		if err := json.Unmarshal([]byte(rec), &want); err != nil {
			t.Fatalf("%s: encoding/json: %v", rec, err)
		}
		g, text, err := handFields([]byte(rec), "outlet", &kbuf, &tbuf)
		if err != nil || g != want.Outlet || string(text) != want.Text {
			t.Errorf("%s: got %q %q %v; want %q %q", rec, g, text, err, want.Outlet, want.Text)
		}
	}
	for _, rec := range bad {
		var v struct {
			Outlet string `json:"outlet"`
			Text   string `json:"text"`
		}
		if json.Unmarshal([]byte(rec), &v) == nil {
			t.Fatalf("%s: encoding/json accepts it; the test case is wrong", rec)
		}
		if _, _, err := handFields([]byte(rec), "outlet", &kbuf, &tbuf); err == nil {
			t.Errorf("%s: accepted", rec)
		}
	}
}
