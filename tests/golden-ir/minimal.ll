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
@pacta_module = constant { i32, i32, i8*, [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8* } { i32 1096041296, i32 2, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s10, i64 0, i64 0), [32 x i8] c"\A5Z\D0\AA\CB#<\04D\A5#\BCwFrDI\B2\F3\AE\03\AF\D7\A5\86I\B3\B3\D4\0D\BF\CC", i8* getelementptr inbounds ([148 x i8], [148 x i8]* @pacta.s11, i64 0, i64 0), i64 147, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s12, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s8, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s9, i64 0, i64 0), i8* null, i8 2, i8* null, i32 -1, i32 0, i8* null, i8 0, i8 0, i64 0, i64 0, i32 0, i8* null, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a2 to i8*), i32 1, i32 0, i8* null, i32 0, i32 1, i8* bitcast ([1 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a6 to i8*), i32 1, i8* bitcast ([1 x { i32, i8, i32, i8*, i32 }]* @pacta.a7 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*) }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %0 = getelementptr inbounds i64, i64* %req, i64 0
  %1 = load i64, i64* %0, align 8
  %2 = icmp ne i64 %1, 0
  %3 = and i1 true, %2
  br i1 %3, label %fired, label %next, !prof !0

fired:                                            ; preds = %entry
  br label %next

next:                                             ; preds = %fired, %entry
  %4 = phi i64 [ 0, %entry ], [ 1, %fired ]
  %5 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %4, i64* %5, align 8
  %6 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %6, align 8
  %7 = getelementptr inbounds i64, i64* %block, i64 4
  %8 = bitcast i64* %7 to i32*
  %9 = getelementptr inbounds i32, i32* %8, i64 0
  store i32 -1, i32* %9, align 4
  %10 = and i64 %4, 1
  %11 = icmp ne i64 %10, 0
  br i1 %11, label %decided, label %by_default

by_default:                                       ; preds = %next
  %12 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %12, align 8
  %13 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %13, align 8
  ret i32 258

decided:                                          ; preds = %next
  %14 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %10, i64* %14, align 8
  %15 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %15, align 8
  ret i32 0
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
