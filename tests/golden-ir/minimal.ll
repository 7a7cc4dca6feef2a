; ModuleID = 'pacta'
source_filename = "agreement.pacta"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@pacta.s0 = private unnamed_addr constant [7 x i8] c"urgent\00"
@pacta.k1 = private unnamed_addr constant [1 x i64] zeroinitializer
@pacta.a2 = private constant [1 x { i8*, i8, i8, i32, i32, i32, i8* }] [{ i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([7 x i8], [7 x i8]* @pacta.s0, i64 0, i64 0), i8 0, i8 1, i32 0, i32 0, i32 1, i8* bitcast ([1 x i64]* @pacta.k1 to i8*) }]
@pacta.s3 = private unnamed_addr constant [2 x i8] c"1\00"
@pacta.s4 = private unnamed_addr constant [16 x i8] c"Urgent requests\00"
@pacta.s5 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.a6 = private constant [1 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }] [{ i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s3, i64 0, i64 0), i8* null, i8* null, i8* null, i8* getelementptr inbounds ([16 x i8], [16 x i8]* @pacta.s4, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s5, i64 0, i64 0), i32 5, i8 0, i32 -1 }]
@pacta.a7 = private constant [1 x { i32, i8, i32, i8*, i32 }] [{ i32, i8, i32, i8*, i32 } { i32 0, i8 0, i32 0, i8* null, i32 6 }]
@pacta.s8 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s9 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s10 = private unnamed_addr constant [6 x i8] c"0.1.0\00"
@pacta.s11 = private unnamed_addr constant [148 x i8] c"# The smallest agreement with a decision: one field, one clause.\0Arequest {\0A  urgent: bool = false\0A}\0Aclause 1 \22Urgent requests\22\0A  grant when urgent\0A\00"
@pacta.s12 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta_module = constant { i32, i32, i8*, [32 x i8], [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8*, i8*, i64, { i8*, i32, i32, i8* } } { i32 1096041296, i32 6, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s10, i64 0, i64 0), [32 x i8] c"\A5Z\D0\AA\CB#<\04D\A5#\BCwFrDI\B2\F3\AE\03\AF\D7\A5\86I\B3\B3\D4\0D\BF\CC", [32 x i8] zeroinitializer, i8* getelementptr inbounds ([148 x i8], [148 x i8]* @pacta.s11, i64 0, i64 0), i64 147, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s12, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s8, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s9, i64 0, i64 0), i8* null, i8 2, i8* null, i32 -1, i32 0, i8* null, i8 0, i8 0, i64 0, i64 0, i32 0, i8* null, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a2 to i8*), i32 1, i32 0, i8* null, i32 0, i32 1, i8* bitcast ([1 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a6 to i8*), i32 1, i8* bitcast ([1 x { i32, i8, i32, i8*, i32 }]* @pacta.a7 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*), i8* bitcast (i32 (i64*, i64*)* @pacta_trace to i8*), i64 4760388250145645412, { i8*, i32, i32, i8* } zeroinitializer }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: nounwind
define internal i1 @pacta_decide.kept.grant.0(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 0
  %1 = bitcast i8* %0 to i64*
  %2 = load i64, i64* %1, align 8
  %3 = and i64 %2, 1
  %4 = icmp ne i64 %3, 0
  br i1 %4, label %fired, label %next

fired:                                            ; preds = %entry
  ret i1 true

next:                                             ; preds = %entry
  ret i1 false
}

; Function Attrs: noinline nounwind
define internal i32 @pacta_decide_kept(i64* noalias nocapture readonly %req, i64* noalias nocapture %head) #2 {
entry:
  %bytes = bitcast i64* %req to i8*
  %block = getelementptr inbounds i64, i64* %head, i64 1
  %0 = call i1 @pacta_decide.kept.grant.0(i64* %req, i64* %block)
  br i1 %0, label %grant, label %next

grant:                                            ; preds = %next, %entry
  %ret = phi i32 [ 0, %entry ], [ 258, %next ]
  %1 = call i32 asm "", "=r,0"(i32 0)
  %outcome = bitcast i64* %head to i8*
  %2 = trunc i32 %ret to i8
  store i8 %2, i8* %outcome, align 8
  %ground = getelementptr inbounds i8, i8* %outcome, i64 1
  %3 = lshr i32 %ret, 8
  %4 = trunc i32 %3 to i8
  store i8 %4, i8* %ground, align 1
  ret i32 %1

next:                                             ; preds = %entry
  br label %grant
}

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture %head) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %block = getelementptr inbounds i64, i64* %head, i64 1
  %0 = tail call i32 @pacta_decide_kept(i64* %req, i64* %head)
  ret i32 %0

grant:                                            ; No predecessors!
  unreachable
}

; Function Attrs: nounwind
define internal void @pacta_trace.rules0(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 0
  %1 = bitcast i8* %0 to i64*
  %2 = load i64, i64* %1, align 8
  %3 = and i64 %2, 1
  %4 = icmp ne i64 %3, 0
  %5 = and i1 true, %4
  br i1 %5, label %fired, label %next, !prof !0

fired:                                            ; preds = %entry
  br label %next

next:                                             ; preds = %fired, %entry
  %6 = phi i64 [ 0, %entry ], [ 1, %fired ]
  %7 = getelementptr inbounds i64, i64* %block, i64 2
  %8 = load i64, i64* %7, align 8
  %9 = or i64 %8, %6
  store i64 %9, i64* %7, align 8
  ret void
}

; Function Attrs: nounwind
define internal i32 @pacta_trace(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %0, align 8
  %1 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %1, align 8
  call void @pacta_trace.rules0(i64* %req, i64* %block)
  %2 = getelementptr inbounds i64, i64* %block, i64 2
  %3 = load i64, i64* %2, align 8
  br i1 false, label %refused, label %kept

refused:                                          ; preds = %entry
  %4 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %4, align 8
  %5 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %5, align 8
  ret i32 2

kept:                                             ; preds = %entry
  %6 = and i64 %3, 1
  %7 = icmp ne i64 %6, 0
  br i1 %7, label %decided, label %by_default

by_default:                                       ; preds = %kept
  %8 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %8, align 8
  %9 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %9, align 8
  ret i32 258

decided:                                          ; preds = %kept
  %10 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %6, i64* %10, align 8
  %11 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %11, align 8
  ret i32 0
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { nounwind "no-builtins" }
attributes #2 = { noinline nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
