#include "textflag.h"

// func prefetch(p []*uint64) uint64
TEXT ·prefetch(SB), NOSPLIT, $0-32
	MOVQ p_base+0(FP), SI
	MOVQ p_len+8(FP), CX
	TESTQ CX, CX
	JE done
loop:
	MOVQ (SI), DX
	PREFETCHT0 (DX)
	ADDQ $8, SI
	DECQ CX
	JNE loop
done:
	MOVQ $0, ret+24(FP)
	RET
