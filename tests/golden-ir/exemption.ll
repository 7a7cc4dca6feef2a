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
@pacta.s28 = private unnamed_addr constant [3 x i8] c"IR\00"
@pacta.s29 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s30 = private unnamed_addr constant [6 x i8] c"0.1.0\00"
@pacta.s31 = private unnamed_addr constant [553 x i8] c"# An exemption with a condition, an obligation that combines, a window,\0A# and the step-0 checks of a header.\0Aagreement \22IR\22\0A  parties XA, XB\0A  effective 2025-01-01\0A  expires 2030-12-31\0A  default refer\0Aenum party { XA, XB, XC }\0Aenum kind { alpha, beta }\0Arequest {\0A  requesting_party: party\0A  requested_party: party\0A  submitted: date\0A  k: kind = alpha\0A  n: int = 0\0A}\0Aobligation keep: days combine min\0Aclause 1\0A  refuse when n > 10\0Aclause 2\0A  exempts 1 when k = beta\0Aclause 3 from 2026-01-01\0A  grant\0A  oblige keep 30 days\0A  oblige keep 10 days when n > 5\0A\00"
@pacta.s32 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta_module = constant { i32, i32, i8*, [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8*, i8* } { i32 1096041296, i32 2, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s30, i64 0, i64 0), [32 x i8] c"4@M\B2P\09\83A\85\D8dX6b\AF\AE\1D\FE\CD\93\7F\\-vE\A6\B3\F9$\B1\12U", i8* getelementptr inbounds ([553 x i8], [553 x i8]* @pacta.s31, i64 0, i64 0), i64 552, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s32, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s28, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s29, i64 0, i64 0), i8* null, i8 1, i8* null, i32 0, i32 2, i8* bitcast ([2 x { i8*, i32, i8* }]* @pacta.a9 to i8*), i32 5, i8* bitcast ([5 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a17 to i8*), i32 5, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }]* @pacta.a19 to i8*), i32 1, i32 3, i8* bitcast ([3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a26 to i8*), i32 5, i8* bitcast ([5 x { i32, i8, i32, i8*, i32 }]* @pacta.a27 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*), i8* bitcast (i32 (i64*, i64*)* @pacta_trace to i8*) }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: noinline nounwind
define internal i32 @pacta_decide_kept(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
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
  br i1 %7, label %grant, label %next

grant:                                            ; preds = %next, %entry
  %ret = phi i32 [ 0, %entry ], [ 257, %next ]
  %8 = icmp sge i64 %3, 739616
  %9 = and i1 true, %8
  %10 = and i1 %9, true
  %11 = and i1 %10, true
  %12 = select i1 %11, i64 30, i64 9223372036854775807
  %13 = getelementptr inbounds i8, i8* %bytes, i64 0
  %14 = bitcast i8* %13 to i64*
  %15 = load i64, i64* %14, align 8
  %16 = icmp sgt i64 %15, 5
  %17 = and i1 %10, %16
  %18 = or i1 %11, %17
  %19 = icmp slt i64 10, %12
  %20 = select i1 %19, i64 10, i64 %12
  %21 = select i1 %17, i64 %20, i64 %12
  %22 = zext i1 %18 to i64
  %23 = or i64 0, %22
  %24 = select i1 %18, i64 %21, i64 0
  %25 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %23, i64* %25, align 8
  %26 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %24, i64* %26, align 8
  ret i32 %ret

refuse:                                           ; No predecessors!
  unreachable

next:                                             ; preds = %entry
  br label %grant
}

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #2 {
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

grant:                                            ; No predecessors!
  unreachable

refuse:                                           ; preds = %decide
  %ret = phi i32 [ 2, %decide ]
  %26 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %26, align 8
  %27 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %27, align 8
  ret i32 %ret

not_in_force:                                     ; preds = %entry
  %28 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %28, align 8
  %29 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %29, align 8
  ret i32 514

decide:                                           ; preds = %entry
  %30 = getelementptr inbounds i8, i8* %bytes, i64 0
  %31 = bitcast i8* %30 to i64*
  %32 = load i64, i64* %31, align 8
  %33 = icmp sgt i64 %32, 10
  %34 = getelementptr inbounds i8, i8* %bytes, i64 14
  %35 = load i8, i8* %34, align 1
  %36 = zext i8 %35 to i64
  %37 = icmp eq i64 %36, 1
  %38 = and i1 true, %37
  %39 = xor i1 %38, true
  %40 = and i1 true, %39
  %41 = and i1 %40, %33
  br i1 %41, label %refuse, label %next

next:                                             ; preds = %decide
  %42 = tail call i32 @pacta_decide_kept(i64* %req, i64* %block)
  ret i32 %42
}

; Function Attrs: nounwind
define internal i32 @pacta_trace(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #2 {
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
  %33 = getelementptr inbounds i64, i64* %block, i64 7
  %34 = bitcast i64* %33 to i32*
  %35 = getelementptr inbounds i32, i32* %34, i64 0
  store i32 -1, i32* %35, align 4
  %36 = getelementptr inbounds i32, i32* %34, i64 1
  store i32 -1, i32* %36, align 4
  %37 = getelementptr inbounds i32, i32* %34, i64 2
  store i32 -1, i32* %37, align 4
  ret i32 514

decide:                                           ; preds = %entry
  %38 = icmp sge i64 %3, 739616
  %39 = and i1 true, %38
  %40 = getelementptr inbounds i8, i8* %bytes, i64 14
  %41 = load i8, i8* %40, align 1
  %42 = zext i8 %41 to i64
  %43 = icmp eq i64 %42, 1
  %44 = and i1 true, %43
  br i1 %44, label %fired, label %next, !prof !0

fired:                                            ; preds = %decide
  br label %next

next:                                             ; preds = %fired, %decide
  %45 = phi i64 [ 0, %decide ], [ 2, %fired ]
  %46 = and i1 %44, true
  %47 = or i1 false, %46
  %48 = select i1 %46, i32 1, i32 -1
  %49 = xor i1 %47, true
  %50 = and i1 true, %49
  %51 = getelementptr inbounds i8, i8* %bytes, i64 0
  %52 = bitcast i8* %51 to i64*
  %53 = load i64, i64* %52, align 8
  %54 = icmp sgt i64 %53, 10
  %55 = and i1 %50, %54
  br i1 %55, label %fired1, label %next2, !prof !0

fired1:                                           ; preds = %next
  %56 = or i64 %45, 1
  br label %next2

next2:                                            ; preds = %fired1, %next
  %57 = phi i64 [ %45, %next ], [ %56, %fired1 ]
  %58 = and i1 %39, true
  %59 = and i1 %58, true
  br i1 %59, label %fired3, label %next4, !prof !0

fired3:                                           ; preds = %next2
  %60 = or i64 %57, 4
  br label %next4

next4:                                            ; preds = %fired3, %next2
  %61 = phi i64 [ %57, %next2 ], [ %60, %fired3 ]
  %62 = and i1 %58, true
  br i1 %62, label %fired5, label %next6, !prof !0

fired5:                                           ; preds = %next4
  %63 = or i64 %61, 8
  br label %next6

next6:                                            ; preds = %fired5, %next4
  %64 = phi i64 [ %61, %next4 ], [ %63, %fired5 ]
  %65 = getelementptr inbounds i8, i8* %bytes, i64 0
  %66 = bitcast i8* %65 to i64*
  %67 = load i64, i64* %66, align 8
  %68 = icmp sgt i64 %67, 5
  %69 = and i1 %58, %68
  br i1 %69, label %fired7, label %next8, !prof !0

fired7:                                           ; preds = %next6
  %70 = or i64 %64, 16
  br label %next8

next8:                                            ; preds = %fired7, %next6
  %71 = phi i64 [ %64, %next6 ], [ %70, %fired7 ]
  %72 = zext i1 %47 to i64
  %73 = or i64 0, %72
  %74 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 %71, i64* %74, align 8
  %75 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %73, i64* %75, align 8
  %76 = getelementptr inbounds i64, i64* %block, i64 7
  %77 = bitcast i64* %76 to i32*
  %78 = getelementptr inbounds i32, i32* %77, i64 0
  store i32 %48, i32* %78, align 4
  %79 = getelementptr inbounds i32, i32* %77, i64 1
  store i32 -1, i32* %79, align 4
  %80 = getelementptr inbounds i32, i32* %77, i64 2
  store i32 -1, i32* %80, align 4
  %81 = and i64 %71, 1
  %82 = icmp ne i64 %81, 0
  br i1 %82, label %refused, label %kept

refused:                                          ; preds = %next8
  %83 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %81, i64* %83, align 8
  %84 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %84, align 8
  %85 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %85, align 8
  %86 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %86, align 8
  %87 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 0, i64* %87, align 8
  ret i32 2

kept:                                             ; preds = %next8
  %88 = and i64 %71, 4
  %89 = icmp ne i64 %88, 0
  %90 = select i1 %89, i32 0, i32 1
  %91 = select i1 %89, i32 0, i32 1
  %92 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %88, i64* %92, align 8
  %93 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %93, align 8
  %94 = select i1 %89, i1 true, i1 true
  %95 = and i64 %71, 24
  %96 = select i1 %94, i64 %95, i64 0
  %97 = and i64 %96, 8
  %98 = lshr i64 %97, 1
  %99 = and i64 %96, 16
  %100 = lshr i64 %99, 2
  %101 = or i64 %98, %100
  %102 = icmp ne i64 %96, 0
  %103 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 %101, i64* %103, align 8
  %104 = zext i1 %102 to i64
  %105 = or i64 0, %104
  %106 = select i1 %62, i64 30, i64 9223372036854775807
  %107 = icmp slt i64 10, %106
  %108 = select i1 %107, i64 10, i64 %106
  %109 = select i1 %69, i64 %108, i64 %106
  %110 = select i1 %102, i64 %109, i64 0
  %111 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %105, i64* %111, align 8
  %112 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %110, i64* %112, align 8
  %113 = shl i32 %91, 8
  %114 = or i32 %90, %113
  ret i32 %114
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { noinline nounwind "no-builtins" }
attributes #2 = { nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
