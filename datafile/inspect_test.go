package datafile

import (
	"bytes"
	"os"
	"testing"
)

func TestInspectSimulation(t *testing.T) {
	src := simulation(t)
	s, err := Inspect(bytes.NewReader(src), InspectOptions{Name: "simulation.grakn"})
	if err != nil {
		t.Fatal(err)
	}
	s.WriteText(os.Stdout, 10)
}
