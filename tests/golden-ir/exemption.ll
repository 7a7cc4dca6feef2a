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
@pacta_module = constant { i32, i32, i8*, [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8* } { i32 1096041296, i32 2, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s31, i64 0, i64 0), [32 x i8] c"4@M\B2P\09\83A\85\D8dX6b\AF\AE\1D\FE\CD\93\7F\\-vE\A6\B3\F9$\B1\12U", i8* getelementptr inbounds ([553 x i8], [553 x i8]* @pacta.s32, i64 0, i64 0), i64 552, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s33, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s29, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s30, i64 0, i64 0), i8* null, i8 1, i8* null, i32 0, i32 2, i8* bitcast ([2 x i32]* @pacta.a28 to i8*), i8 1, i8 1, i64 739251, i64 741441, i32 2, i8* bitcast ([2 x { i8*, i32, i8* }]* @pacta.a9 to i8*), i32 5, i8* bitcast ([5 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a17 to i8*), i32 5, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }]* @pacta.a19 to i8*), i32 1, i32 3, i8* bitcast ([3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a26 to i8*), i32 5, i8* bitcast ([5 x { i32, i8, i32, i8*, i32 }]* @pacta.a27 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*) }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %0 = getelementptr inbounds i64, i64* %req, i64 2
  %1 = load i64, i64* %0, align 8
  %2 = getelementptr inbounds i64, i64* %req, i64 0
  %3 = load i64, i64* %2, align 8
  %4 = getelementptr inbounds i64, i64* %req, i64 1
  %5 = load i64, i64* %4, align 8
  %6 = lshr i64 %5, 6
  %7 = icmp eq i64 %5, 0
  %8 = or i1 false, %7
  %9 = icmp eq i64 %5, 1
  %10 = or i1 %8, %9
  %11 = lshr i64 %3, 6
  %12 = icmp eq i64 %3, 0
  %13 = or i1 false, %12
  %14 = icmp eq i64 %3, 1
  %15 = or i1 %13, %14
  %16 = and i1 %15, %10
  %17 = xor i1 %16, true
  %18 = icmp slt i64 %1, 739251
  %19 = or i1 %17, %18
  %20 = icmp sgt i64 %1, 741441
  %21 = or i1 %19, %20
  br i1 %21, label %not_in_force, label %decide

not_in_force:                                     ; preds = %entry
  %22 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %22, align 8
  %23 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %23, align 8
  %24 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %24, align 8
  %25 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %25, align 8
  %26 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %26, align 8
  %27 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 0, i64* %27, align 8
  %28 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 0, i64* %28, align 8
  %29 = getelementptr inbounds i64, i64* %block, i64 7
  %30 = bitcast i64* %29 to i32*
  %31 = getelementptr inbounds i32, i32* %30, i64 0
  store i32 -1, i32* %31, align 4
  %32 = getelementptr inbounds i32, i32* %30, i64 1
  store i32 -1, i32* %32, align 4
  %33 = getelementptr inbounds i32, i32* %30, i64 2
  store i32 -1, i32* %33, align 4
  ret i32 514

decide:                                           ; preds = %entry
  %34 = icmp sge i64 %1, 739616
  %35 = and i1 true, %34
  %36 = getelementptr inbounds i64, i64* %req, i64 3
  %37 = load i64, i64* %36, align 8
  %38 = icmp eq i64 %37, 1
  %39 = and i1 true, %38
  br i1 %39, label %fired, label %next, !prof !0

fired:                                            ; preds = %decide
  br label %next

next:                                             ; preds = %fired, %decide
  %40 = phi i64 [ 0, %decide ], [ 2, %fired ]
  %41 = and i1 %39, true
  %42 = or i1 false, %41
  %43 = select i1 %41, i32 1, i32 -1
  %44 = xor i1 %42, true
  %45 = and i1 true, %44
  %46 = getelementptr inbounds i64, i64* %req, i64 4
  %47 = load i64, i64* %46, align 8
  %48 = icmp sgt i64 %47, 10
  %49 = and i1 %45, %48
  br i1 %49, label %fired1, label %next2, !prof !0

fired1:                                           ; preds = %next
  %50 = or i64 %40, 1
  br label %next2

next2:                                            ; preds = %fired1, %next
  %51 = phi i64 [ %40, %next ], [ %50, %fired1 ]
  %52 = and i1 %35, true
  %53 = and i1 %52, true
  br i1 %53, label %fired3, label %next4, !prof !0

fired3:                                           ; preds = %next2
  %54 = or i64 %51, 4
  br label %next4

next4:                                            ; preds = %fired3, %next2
  %55 = phi i64 [ %51, %next2 ], [ %54, %fired3 ]
  %56 = and i1 %52, true
  br i1 %56, label %fired5, label %next6, !prof !0

fired5:                                           ; preds = %next4
  %57 = or i64 %55, 8
  br label %next6

next6:                                            ; preds = %fired5, %next4
  %58 = phi i64 [ %55, %next4 ], [ %57, %fired5 ]
  %59 = getelementptr inbounds i64, i64* %req, i64 4
  %60 = load i64, i64* %59, align 8
  %61 = icmp sgt i64 %60, 5
  %62 = and i1 %52, %61
  br i1 %62, label %fired7, label %next8, !prof !0

fired7:                                           ; preds = %next6
  %63 = or i64 %58, 16
  br label %next8

next8:                                            ; preds = %fired7, %next6
  %64 = phi i64 [ %58, %next6 ], [ %63, %fired7 ]
  %65 = zext i1 %42 to i64
  %66 = or i64 0, %65
  %67 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %64, i64* %67, align 8
  %68 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 %66, i64* %68, align 8
  %69 = getelementptr inbounds i64, i64* %block, i64 7
  %70 = bitcast i64* %69 to i32*
  %71 = getelementptr inbounds i32, i32* %70, i64 0
  store i32 %43, i32* %71, align 4
  %72 = getelementptr inbounds i32, i32* %70, i64 1
  store i32 -1, i32* %72, align 4
  %73 = getelementptr inbounds i32, i32* %70, i64 2
  store i32 -1, i32* %73, align 4
  %74 = and i64 %64, 1
  %75 = icmp ne i64 %74, 0
  br i1 %75, label %refused, label %kept

refused:                                          ; preds = %next8
  %76 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %74, i64* %76, align 8
  %77 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %77, align 8
  %78 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %78, align 8
  %79 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 0, i64* %79, align 8
  %80 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 0, i64* %80, align 8
  ret i32 2

kept:                                             ; preds = %next8
  %81 = and i64 %64, 4
  %82 = icmp ne i64 %81, 0
  %83 = select i1 %82, i32 0, i32 1
  %84 = select i1 %82, i32 0, i32 1
  %85 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %81, i64* %85, align 8
  %86 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %86, align 8
  %87 = select i1 %82, i1 true, i1 true
  %88 = and i64 %64, 24
  %89 = select i1 %87, i64 %88, i64 0
  %90 = and i64 %89, 8
  %91 = lshr i64 %90, 1
  %92 = and i64 %89, 16
  %93 = lshr i64 %92, 2
  %94 = or i64 %91, %93
  %95 = icmp ne i64 %89, 0
  %96 = getelementptr inbounds i64, i64* %block, i64 6
  store i64 %94, i64* %96, align 8
  %97 = zext i1 %95 to i64
  %98 = or i64 0, %97
  %99 = select i1 %56, i64 30, i64 9223372036854775807
  %100 = icmp slt i64 10, %99
  %101 = select i1 %100, i64 10, i64 %99
  %102 = select i1 %62, i64 %101, i64 %99
  %103 = select i1 %95, i64 %102, i64 0
  %104 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 %98, i64* %104, align 8
  %105 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %103, i64* %105, align 8
  %106 = shl i32 %84, 8
  %107 = or i32 %83, %106
  ret i32 %107
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
