; ModuleID = 'pacta'
source_filename = "agreement.pacta"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@pacta.s0 = private unnamed_addr constant [3 x i8] c"XA\00"
@pacta.s1 = private unnamed_addr constant [3 x i8] c"XB\00"
@pacta.s2 = private unnamed_addr constant [3 x i8] c"XC\00"
@pacta.s3 = private unnamed_addr constant [6 x i8] c"party\00"
@pacta.a4 = private constant [3 x i8*] [i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s0, i64 0, i64 0), i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s1, i64 0, i64 0), i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s2, i64 0, i64 0)]
@pacta.s5 = private unnamed_addr constant [6 x i8] c"alpha\00"
@pacta.s6 = private unnamed_addr constant [5 x i8] c"beta\00"
@pacta.s7 = private unnamed_addr constant [5 x i8] c"kind\00"
@pacta.a8 = private constant [2 x i8*] [i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s5, i64 0, i64 0), i8* getelementptr inbounds ([5 x i8], [5 x i8]* @pacta.s6, i64 0, i64 0)]
@pacta.a9 = private constant [2 x { i8*, i32, i8* }] [{ i8*, i32, i8* } { i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s3, i64 0, i64 0), i32 3, i8* bitcast ([3 x i8*]* @pacta.a4 to i8*) }, { i8*, i32, i8* } { i8* getelementptr inbounds ([5 x i8], [5 x i8]* @pacta.s7, i64 0, i64 0), i32 2, i8* bitcast ([2 x i8*]* @pacta.a8 to i8*) }]
@pacta.s10 = private unnamed_addr constant [17 x i8] c"requesting_party\00"
@pacta.s11 = private unnamed_addr constant [16 x i8] c"requested_party\00"
@pacta.s12 = private unnamed_addr constant [10 x i8] c"submitted\00"
@pacta.s13 = private unnamed_addr constant [2 x i8] c"k\00"
@pacta.k14 = private unnamed_addr constant [1 x i64] zeroinitializer
@pacta.s15 = private unnamed_addr constant [2 x i8] c"n\00"
@pacta.k16 = private unnamed_addr constant [1 x i64] zeroinitializer
@pacta.a17 = private constant [5 x { i8*, i8, i8, i32, i32, i32, i8* }] [{ i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([17 x i8], [17 x i8]* @pacta.s10, i64 0, i64 0), i8 5, i8 0, i32 0, i32 0, i32 1, i8* null }, { i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([16 x i8], [16 x i8]* @pacta.s11, i64 0, i64 0), i8 5, i8 0, i32 0, i32 1, i32 1, i8* null }, { i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([10 x i8], [10 x i8]* @pacta.s12, i64 0, i64 0), i8 2, i8 0, i32 0, i32 2, i32 1, i8* null }, { i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s13, i64 0, i64 0), i8 5, i8 1, i32 1, i32 3, i32 1, i8* bitcast ([1 x i64]* @pacta.k14 to i8*) }, { i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s15, i64 0, i64 0), i8 1, i8 1, i32 0, i32 4, i32 1, i8* bitcast ([1 x i64]* @pacta.k16 to i8*) }]
@pacta.s18 = private unnamed_addr constant [5 x i8] c"keep\00"
@pacta.a19 = private constant [1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }] [{ i8*, i8, i8, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([5 x i8], [5 x i8]* @pacta.s18, i64 0, i64 0), i8 1, i8 3, i8 3, i8 0, i32 0, i32 0, i32 1, i8* null }]
@pacta.s20 = private unnamed_addr constant [2 x i8] c"1\00"
@pacta.s21 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s22 = private unnamed_addr constant [2 x i8] c"2\00"
@pacta.s23 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s24 = private unnamed_addr constant [2 x i8] c"3\00"
@pacta.s25 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.a26 = private constant [3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }] [{ i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s20, i64 0, i64 0), i8* null, i8* null, i8* null, i8* null, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s21, i64 0, i64 0), i32 18, i8 0, i32 -1 }, { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s22, i64 0, i64 0), i8* null, i8* null, i8* null, i8* null, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s23, i64 0, i64 0), i32 20, i8 0, i32 -1 }, { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s24, i64 0, i64 0), i8* null, i8* null, i8* null, i8* null, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s25, i64 0, i64 0), i32 22, i8 0, i32 -1 }]
@pacta.a27 = private constant [5 x { i32, i8, i32, i8*, i32 }] [{ i32, i8, i32, i8*, i32 } { i32 0, i8 2, i32 0, i8* null, i32 19 }, { i32, i8, i32, i8*, i32 } { i32 1, i8 4, i32 0, i8* null, i32 21 }, { i32, i8, i32, i8*, i32 } { i32 2, i8 0, i32 0, i8* null, i32 23 }, { i32, i8, i32, i8*, i32 } { i32 2, i8 3, i32 0, i8* null, i32 24 }, { i32, i8, i32, i8*, i32 } { i32 2, i8 3, i32 0, i8* null, i32 25 }]
@pacta.a28 = private constant [2 x i32] [i32 0, i32 1]
@pacta.s29 = private unnamed_addr constant [3 x i8] c"IR\00"
@pacta.s30 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s31 = private unnamed_addr constant [6 x i8] c"0.1.0\00"
@pacta.s32 = private unnamed_addr constant [553 x i8] c"# An exemption with a condition, an obligation that combines, a window,\0A# and the step-0 checks of a header.\0Aagreement \22IR\22\0A  parties XA, XB\0A  effective 2025-01-01\0A  expires 2030-12-31\0A  default refer\0Aenum party { XA, XB, XC }\0Aenum kind { alpha, beta }\0Arequest {\0A  requesting_party: party\0A  requested_party: party\0A  submitted: date\0A  k: kind = alpha\0A  n: int = 0\0A}\0Aobligation keep: days combine min\0Aclause 1\0A  refuse when n > 10\0Aclause 2\0A  exempts 1 when k = beta\0Aclause 3 from 2026-01-01\0A  grant\0A  oblige keep 30 days\0A  oblige keep 10 days when n > 5\0A\00"
@pacta.s33 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta_module = constant { i32, i32, i8*, [32 x i8], [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8*, i8*, i64, { i8*, i32, i32, i8* } } { i32 1096041296, i32 6, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s31, i64 0, i64 0), [32 x i8] c"4@M\B2P\09\83A\85\D8dX6b\AF\AE\1D\FE\CD\93\7F\\-vE\A6\B3\F9$\B1\12U", [32 x i8] zeroinitializer, i8* getelementptr inbounds ([553 x i8], [553 x i8]* @pacta.s32, i64 0, i64 0), i64 552, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s33, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s29, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s30, i64 0, i64 0), i8* null, i8 1, i8* null, i32 0, i32 2, i8* bitcast ([2 x i32]* @pacta.a28 to i8*), i8 1, i8 1, i64 739251, i64 741441, i32 2, i8* bitcast ([2 x { i8*, i32, i8* }]* @pacta.a9 to i8*), i32 5, i8* bitcast ([5 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a17 to i8*), i32 5, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }]* @pacta.a19 to i8*), i32 1, i32 3, i8* bitcast ([3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a26 to i8*), i32 5, i8* bitcast ([5 x { i32, i8, i32, i8*, i32 }]* @pacta.a27 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*), i8* bitcast (i32 (i64*, i64*)* @pacta_trace to i8*), i64 3072744108149813393, { i8*, i32, i32, i8* } zeroinitializer }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: nounwind
define internal void @pacta_decide.kept.grant.values0(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  %4 = icmp sge i64 %3, 739616
  %5 = and i1 true, %4
  %6 = and i1 %5, true
  %7 = and i1 %6, true
  %8 = select i1 %7, i64 30, i64 9223372036854775807
  %9 = getelementptr inbounds i8, i8* %bytes, i64 0
  %10 = bitcast i8* %9 to i64*
  %11 = load i64, i64* %10, align 8
  %12 = icmp sgt i64 %11, 5
  %13 = and i1 %6, %12
  %14 = icmp slt i64 10, %8
  %15 = select i1 %14, i64 10, i64 %8
  %16 = select i1 %13, i64 %15, i64 %8
  %17 = or i1 %7, %13
  %18 = zext i1 %17 to i64
  %19 = or i64 0, %18
  %20 = getelementptr inbounds i64, i64* %block, i64 1
  %21 = select i1 %17, i64 %16, i64 0
  store i64 %21, i64* %20, align 8
  %22 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %19, i64* %22, align 8
  ret void
}

; Function Attrs: nounwind
define internal i1 @pacta_decide.kept.grant.0(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  br label %active

fired:                                            ; preds = %in_force
  ret i1 true

next:                                             ; preds = %active
  ret i1 false

active:                                           ; preds = %entry
  %4 = icmp sge i64 %3, 739616
  %5 = and i1 true, %4
  br i1 %5, label %in_force, label %next

in_force:                                         ; preds = %active
  br label %fired
}

; Function Attrs: noinline nounwind
define internal i32 @pacta_decide_kept(i64* noalias nocapture readonly %req, i64* noalias nocapture %head) #2 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  %block = getelementptr inbounds i64, i64* %head, i64 1
  %4 = call i1 @pacta_decide.kept.grant.0(i64* %req, i64* %block)
  br i1 %4, label %grant, label %next

grant:                                            ; preds = %next, %entry
  %ret = phi i32 [ 0, %entry ], [ 257, %next ]
  call void @pacta_decide.kept.grant.values0(i64* %req, i64* %block)
  %5 = call i32 asm "", "=r,0"(i32 0)
  %outcome = bitcast i64* %head to i8*
  %6 = trunc i32 %ret to i8
  store i8 %6, i8* %outcome, align 8
  %ground = getelementptr inbounds i8, i8* %outcome, i64 1
  %7 = lshr i32 %ret, 8
  %8 = trunc i32 %7 to i8
  store i8 %8, i8* %ground, align 1
  ret i32 %5

refuse:                                           ; No predecessors!
  unreachable

next:                                             ; preds = %entry
  br label %grant
}

; Function Attrs: nounwind
define internal i1 @pacta_decide.refuse.0(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  %4 = getelementptr inbounds i8, i8* %bytes, i64 0
  %5 = bitcast i8* %4 to i64*
  %6 = load i64, i64* %5, align 8
  %7 = icmp sgt i64 %6, 10
  br i1 %7, label %active, label %next

fired:                                            ; preds = %not_exempted
  ret i1 true

next:                                             ; preds = %active, %entry
  ret i1 false

active:                                           ; preds = %entry
  %8 = getelementptr inbounds i8, i8* %bytes, i64 14
  %9 = load i8, i8* %8, align 1
  %10 = zext i8 %9 to i64
  %11 = icmp eq i64 %10, 1
  br i1 %11, label %next, label %not_exempted

not_exempted:                                     ; preds = %active
  br label %fired
}

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture %head) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  %block = getelementptr inbounds i64, i64* %head, i64 1
  %4 = getelementptr inbounds i8, i8* %bytes, i64 12
  %5 = load i8, i8* %4, align 1
  %6 = zext i8 %5 to i64
  %7 = getelementptr inbounds i8, i8* %bytes, i64 13
  %8 = load i8, i8* %7, align 1
  %9 = zext i8 %8 to i64
  %10 = lshr i64 %9, 6
  %11 = icmp eq i64 %9, 0
  %12 = or i1 false, %11
  %13 = icmp eq i64 %9, 1
  %14 = or i1 %12, %13
  %15 = lshr i64 %6, 6
  %16 = icmp eq i64 %6, 0
  %17 = or i1 false, %16
  %18 = icmp eq i64 %6, 1
  %19 = or i1 %17, %18
  %20 = and i1 %19, %14
  %21 = xor i1 %20, true
  %22 = icmp slt i64 %3, 739251
  %23 = or i1 %21, %22
  %24 = icmp sgt i64 %3, 741441
  %25 = or i1 %23, %24
  br i1 %25, label %not_in_force, label %decide

grant:                                            ; No predecessors!
  unreachable

refuse:                                           ; preds = %decide
  %ret = phi i32 [ 2, %decide ]
  %26 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %26, align 8
  %27 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %27, align 8
  %outcome1 = bitcast i64* %head to i8*
  %28 = trunc i32 %ret to i8
  store i8 %28, i8* %outcome1, align 8
  %ground2 = getelementptr inbounds i8, i8* %outcome1, i64 1
  %29 = lshr i32 %ret, 8
  %30 = trunc i32 %29 to i8
  store i8 %30, i8* %ground2, align 1
  ret i32 0

not_in_force:                                     ; preds = %entry
  %31 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %31, align 8
  %32 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %32, align 8
  %outcome = bitcast i64* %head to i8*
  store i8 2, i8* %outcome, align 8
  %ground = getelementptr inbounds i8, i8* %outcome, i64 1
  store i8 2, i8* %ground, align 1
  ret i32 0

decide:                                           ; preds = %entry
  %33 = call i1 @pacta_decide.refuse.0(i64* %req, i64* %block)
  br i1 %33, label %refuse, label %next

next:                                             ; preds = %decide
  %34 = tail call i32 @pacta_decide_kept(i64* %req, i64* %head)
  ret i32 %34
}

; Function Attrs: nounwind
define internal void @pacta_trace.rules0(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  %4 = getelementptr inbounds i8, i8* %bytes, i64 14
  %5 = load i8, i8* %4, align 1
  %6 = zext i8 %5 to i64
  %7 = icmp eq i64 %6, 1
  %8 = and i1 true, %7
  br i1 %8, label %fired, label %next, !prof !0

fired:                                            ; preds = %entry
  br label %next

next:                                             ; preds = %fired, %entry
  %9 = phi i64 [ 0, %entry ], [ 2, %fired ]
  %10 = getelementptr inbounds i64, i64* %block, i64 5
  %11 = load i64, i64* %10, align 8
  %12 = lshr i64 %11, 0
  %13 = trunc i64 %12 to i1
  %14 = getelementptr inbounds i64, i64* %block, i64 7
  %15 = bitcast i64* %14 to i32*
  %16 = getelementptr inbounds i32, i32* %15, i64 0
  %17 = load i32, i32* %16, align 4
  %18 = xor i1 %13, true
  %19 = and i1 true, %18
  %20 = and i1 %8, %19
  %21 = or i1 %13, %20
  %22 = select i1 %20, i32 1, i32 %17
  %23 = xor i1 %21, true
  %24 = and i1 true, %23
  %25 = getelementptr inbounds i8, i8* %bytes, i64 0
  %26 = bitcast i8* %25 to i64*
  %27 = load i64, i64* %26, align 8
  %28 = icmp sgt i64 %27, 10
  %29 = and i1 %24, %28
  br i1 %29, label %fired1, label %next2, !prof !0

fired1:                                           ; preds = %next
  %30 = or i64 %9, 1
  br label %next2

next2:                                            ; preds = %fired1, %next
  %31 = phi i64 [ %9, %next ], [ %30, %fired1 ]
  %32 = icmp sge i64 %3, 739616
  %33 = and i1 true, %32
  %34 = and i1 %33, true
  %35 = and i1 %34, true
  br i1 %35, label %fired3, label %next4, !prof !0

fired3:                                           ; preds = %next2
  %36 = or i64 %31, 4
  br label %next4

next4:                                            ; preds = %fired3, %next2
  %37 = phi i64 [ %31, %next2 ], [ %36, %fired3 ]
  %38 = and i1 %34, true
  br i1 %38, label %fired5, label %next6, !prof !0

fired5:                                           ; preds = %next4
  %39 = or i64 %37, 8
  br label %next6

next6:                                            ; preds = %fired5, %next4
  %40 = phi i64 [ %37, %next4 ], [ %39, %fired5 ]
  %41 = icmp sgt i64 %27, 5
  %42 = and i1 %34, %41
  br i1 %42, label %fired7, label %next8, !prof !0

fired7:                                           ; preds = %next6
  %43 = or i64 %40, 16
  br label %next8

next8:                                            ; preds = %fired7, %next6
  %44 = phi i64 [ %40, %next6 ], [ %43, %fired7 ]
  %45 = getelementptr inbounds i64, i64* %block, i64 4
  %46 = load i64, i64* %45, align 8
  %47 = or i64 %46, %44
  store i64 %47, i64* %45, align 8
  %48 = getelementptr inbounds i64, i64* %block, i64 5
  %49 = zext i1 %21 to i64
  %50 = shl i64 %49, 0
  %51 = load i64, i64* %48, align 8
  %52 = or i64 %51, %50
  store i64 %52, i64* %48, align 8
  %53 = getelementptr inbounds i64, i64* %block, i64 7
  %54 = bitcast i64* %53 to i32*
  %55 = getelementptr inbounds i32, i32* %54, i64 0
  store i32 %22, i32* %55, align 4
  ret void
}

; Function Attrs: nounwind
define internal void @pacta_trace.values0(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  %4 = getelementptr inbounds i64, i64* %block, i64 1
  %5 = load i64, i64* %4, align 8
  %6 = getelementptr inbounds i64, i64* %block, i64 4
  %7 = load i64, i64* %6, align 8
  %8 = lshr i64 %7, 3
  %9 = trunc i64 %8 to i1
  %10 = icmp slt i64 30, %5
  %11 = select i1 %10, i64 30, i64 %5
  %12 = select i1 %9, i64 %11, i64 %5
  %13 = lshr i64 %7, 4
  %14 = trunc i64 %13 to i1
  %15 = icmp slt i64 10, %12
  %16 = select i1 %15, i64 10, i64 %12
  %17 = select i1 %14, i64 %16, i64 %12
  %18 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %17, i64* %18, align 8
  ret void
}

; Function Attrs: nounwind
define internal i32 @pacta_trace(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 8
  %1 = bitcast i8* %0 to i32*
  %2 = load i32, i32* %1, align 4
  %3 = sext i32 %2 to i64
  %4 = getelementptr inbounds i8, i8* %bytes, i64 12
  %5 = load i8, i8* %4, align 1
  %6 = zext i8 %5 to i64
  %7 = getelementptr inbounds i8, i8* %bytes, i64 13
  %8 = load i8, i8* %7, align 1
  %9 = zext i8 %8 to i64
  %10 = lshr i64 %9, 6
  %11 = icmp eq i64 %9, 0
  %12 = or i1 false, %11
  %13 = icmp eq i64 %9, 1
  %14 = or i1 %12, %13
  %15 = lshr i64 %6, 6
  %16 = icmp eq i64 %6, 0
  %17 = or i1 false, %16
  %18 = icmp eq i64 %6, 1
  %19 = or i1 %17, %18
  %20 = and i1 %19, %14
  %21 = xor i1 %20, true
  %22 = icmp slt i64 %3, 739251
  %23 = or i1 %21, %22
  %24 = icmp sgt i64 %3, 741441
  %25 = or i1 %23, %24
  br i1 %25, label %not_in_force, label %decide

not_in_force:                                     ; preds = %entry
  %26 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %26, align 8
  %27 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %27, align 8
  %28 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %28, align 8
  %29 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %29, align 8
  %30 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %30, align 8
  %31 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 0, i64* %31, align 8
  %32 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 0, i64* %32, align 8
  ret i32 514

decide:                                           ; preds = %entry
  %33 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %33, align 8
  %34 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 0, i64* %34, align 8
  %35 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 9223372036854775807, i64* %35, align 8
  call void @pacta_trace.rules0(i64* %req, i64* %block)
  call void @pacta_trace.values0(i64* %req, i64* %block)
  %36 = getelementptr inbounds i64, i64* %block, i64 4
  %37 = load i64, i64* %36, align 8
  %38 = and i64 %37, 1
  %39 = icmp ne i64 %38, 0
  br i1 %39, label %refused, label %kept

refused:                                          ; preds = %decide
  %40 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %38, i64* %40, align 8
  %41 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %41, align 8
  %42 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %42, align 8
  %43 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %43, align 8
  %44 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 0, i64* %44, align 8
  ret i32 2

kept:                                             ; preds = %decide
  %45 = and i64 %37, 4
  %46 = icmp ne i64 %45, 0
  %47 = select i1 %46, i32 0, i32 1
  %48 = select i1 %46, i32 0, i32 1
  %49 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %45, i64* %49, align 8
  %50 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %50, align 8
  %51 = select i1 %46, i1 true, i1 true
  %52 = and i64 %37, 24
  %53 = select i1 %51, i64 %52, i64 0
  %54 = and i64 %53, 8
  %55 = lshr i64 %54, 1
  %56 = and i64 %53, 16
  %57 = lshr i64 %56, 2
  %58 = or i64 %55, %57
  %59 = icmp ne i64 %53, 0
  %60 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 %58, i64* %60, align 8
  %61 = zext i1 %59 to i64
  %62 = or i64 0, %61
  %63 = getelementptr inbounds i64, i64* %block, i64 1
  %64 = load i64, i64* %63, align 8
  %65 = select i1 %59, i64 %64, i64 0
  %66 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %62, i64* %66, align 8
  %67 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %65, i64* %67, align 8
  %68 = shl i32 %48, 8
  %69 = or i32 %47, %68
  ret i32 %69
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { nounwind "no-builtins" }
attributes #2 = { noinline nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
