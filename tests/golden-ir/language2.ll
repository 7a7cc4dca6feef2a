; ModuleID = 'pacta'
source_filename = "agreement.pacta"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@pacta.s0 = private unnamed_addr constant [3 x i8] c"XA\00"
@pacta.s1 = private unnamed_addr constant [3 x i8] c"XB\00"
@pacta.s2 = private unnamed_addr constant [6 x i8] c"party\00"
@pacta.a3 = private constant [2 x i8*] [i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s0, i64 0, i64 0), i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s1, i64 0, i64 0)]
@pacta.a4 = private constant [1 x { i8*, i32, i8* }] [{ i8*, i32, i8* } { i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s2, i64 0, i64 0), i32 2, i8* bitcast ([2 x i8*]* @pacta.a3 to i8*) }]
@pacta.s5 = private unnamed_addr constant [17 x i8] c"requesting_party\00"
@pacta.s6 = private unnamed_addr constant [16 x i8] c"requested_party\00"
@pacta.s7 = private unnamed_addr constant [6 x i8] c"risky\00"
@pacta.k8 = private unnamed_addr constant [1 x i64] zeroinitializer
@pacta.s9 = private unnamed_addr constant [4 x i8] c"bad\00"
@pacta.k10 = private unnamed_addr constant [1 x i64] zeroinitializer
@pacta.a11 = private constant [4 x { i8*, i8, i8, i32, i32, i32, i8* }] [{ i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([17 x i8], [17 x i8]* @pacta.s5, i64 0, i64 0), i8 5, i8 0, i32 0, i32 0, i32 1, i8* null }, { i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([16 x i8], [16 x i8]* @pacta.s6, i64 0, i64 0), i8 5, i8 0, i32 0, i32 1, i32 1, i8* null }, { i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s7, i64 0, i64 0), i8 0, i8 1, i32 0, i32 2, i32 1, i8* bitcast ([1 x i64]* @pacta.k8 to i8*) }, { i8*, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([4 x i8], [4 x i8]* @pacta.s9, i64 0, i64 0), i8 0, i8 1, i32 0, i32 3, i32 1, i8* bitcast ([1 x i64]* @pacta.k10 to i8*) }]
@pacta.s12 = private unnamed_addr constant [13 x i8] c"give_reasons\00"
@pacta.s13 = private unnamed_addr constant [13 x i8] c"give reasons\00"
@pacta.a14 = private constant [1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }] [{ i8*, i8, i8, i8, i8, i32, i32, i32, i8* } { i8* getelementptr inbounds ([13 x i8], [13 x i8]* @pacta.s12, i64 0, i64 0), i8 0, i8 0, i8 4, i8 2, i32 0, i32 0, i32 0, i8* getelementptr inbounds ([13 x i8], [13 x i8]* @pacta.s13, i64 0, i64 0) }]
@pacta.s15 = private unnamed_addr constant [2 x i8] c"1\00"
@pacta.s16 = private unnamed_addr constant [11 x i8] c"Discretion\00"
@pacta.s17 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s18 = private unnamed_addr constant [2 x i8] c"2\00"
@pacta.s19 = private unnamed_addr constant [8 x i8] c"Refusal\00"
@pacta.s20 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s21 = private unnamed_addr constant [4 x i8] c"3.R\00"
@pacta.s22 = private unnamed_addr constant [9 x i8] c"Reserved\00"
@pacta.s23 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.a24 = private constant [3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }] [{ i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s15, i64 0, i64 0), i8* null, i8* null, i8* null, i8* getelementptr inbounds ([11 x i8], [11 x i8]* @pacta.s16, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s17, i64 0, i64 0), i32 14, i8 0, i32 -1 }, { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s18, i64 0, i64 0), i8* null, i8* null, i8* null, i8* getelementptr inbounds ([8 x i8], [8 x i8]* @pacta.s19, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s20, i64 0, i64 0), i32 16, i8 0, i32 -1 }, { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 } { i8* getelementptr inbounds ([4 x i8], [4 x i8]* @pacta.s21, i64 0, i64 0), i8* null, i8* null, i8* null, i8* getelementptr inbounds ([9 x i8], [9 x i8]* @pacta.s22, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s23, i64 0, i64 0), i32 19, i8 1, i32 0 }]
@pacta.a25 = private constant [4 x { i32, i8, i32, i8*, i32 }] [{ i32, i8, i32, i8*, i32 } { i32 0, i8 5, i32 0, i8* null, i32 15 }, { i32, i8, i32, i8*, i32 } { i32 1, i8 2, i32 0, i8* null, i32 17 }, { i32, i8, i32, i8*, i32 } { i32 1, i8 3, i32 0, i8* null, i32 18 }, { i32, i8, i32, i8*, i32 } { i32 2, i8 2, i32 0, i8* null, i32 20 }]
@pacta.a26 = private constant [2 x i32] [i32 0, i32 1]
@pacta.s27 = private unnamed_addr constant [3 x i8] c"L2\00"
@pacta.s28 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s29 = private unnamed_addr constant [6 x i8] c"0.1.0\00"
@pacta.s30 = private unnamed_addr constant [579 x i8] c"# Language 2 in the IR: a may refuse (a referral, its ground\0A# discretionary), an obligation on refuse borne by the requested Party,\0A# and a reservation in force when its Party is either Party.\0Aagreement \22L2\22\0A  parties XA, XB\0Aenum party { XA, XB }\0Arequest {\0A  requesting_party: party\0A  requested_party: party\0A  risky: bool = false\0A  bad: bool = false\0A}\0Aobligation give_reasons on refuse by requested \22give reasons\22\0Aclause 1 \22Discretion\22\0A  may refuse when risky\0Aclause 2 \22Refusal\22\0A  refuse when bad\0A  oblige give_reasons\0Areservation XA 3.R \22Reserved\22\0A  refuse when risky and bad\0A\00"
@pacta.s31 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta_module = constant { i32, i32, i8*, [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8* } { i32 1096041296, i32 2, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s29, i64 0, i64 0), [32 x i8] c"\1A\99\10}\E5\CA\CB'c/\D9Nd\FA<zx\AC\A7\10\E3\B7\EF\F2w\22\A62\F1\15\89\0C", i8* getelementptr inbounds ([579 x i8], [579 x i8]* @pacta.s30, i64 0, i64 0), i64 578, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s31, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s27, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s28, i64 0, i64 0), i8* null, i8 2, i8* null, i32 0, i32 2, i8* bitcast ([2 x i32]* @pacta.a26 to i8*), i8 0, i8 0, i64 0, i64 0, i32 1, i8* bitcast ([1 x { i8*, i32, i8* }]* @pacta.a4 to i8*), i32 4, i8* bitcast ([4 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a11 to i8*), i32 4, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }]* @pacta.a14 to i8*), i32 0, i32 3, i8* bitcast ([3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a24 to i8*), i32 4, i8* bitcast ([4 x { i32, i8, i32, i8*, i32 }]* @pacta.a25 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*) }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %0 = getelementptr inbounds i64, i64* %req, i64 0
  %1 = load i64, i64* %0, align 8
  %2 = getelementptr inbounds i64, i64* %req, i64 1
  %3 = load i64, i64* %2, align 8
  %4 = lshr i64 %3, 6
  %5 = icmp eq i64 %3, 0
  %6 = or i1 false, %5
  %7 = icmp eq i64 %3, 1
  %8 = or i1 %6, %7
  %9 = lshr i64 %1, 6
  %10 = icmp eq i64 %1, 0
  %11 = or i1 false, %10
  %12 = icmp eq i64 %1, 1
  %13 = or i1 %11, %12
  %14 = and i1 %13, %8
  %15 = xor i1 %14, true
  br i1 %15, label %not_in_force, label %decide

not_in_force:                                     ; preds = %entry
  %16 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %16, align 8
  %17 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %17, align 8
  %18 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %18, align 8
  %19 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %19, align 8
  %20 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %20, align 8
  %21 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 0, i64* %21, align 8
  %22 = getelementptr inbounds i64, i64* %block, i64 6
  %23 = bitcast i64* %22 to i32*
  %24 = getelementptr inbounds i32, i32* %23, i64 0
  store i32 -1, i32* %24, align 4
  %25 = getelementptr inbounds i32, i32* %23, i64 1
  store i32 -1, i32* %25, align 4
  %26 = getelementptr inbounds i32, i32* %23, i64 2
  store i32 -1, i32* %26, align 4
  ret i32 514

decide:                                           ; preds = %entry
  %27 = getelementptr inbounds i64, i64* %req, i64 1
  %28 = load i64, i64* %27, align 8
  %29 = icmp eq i64 %28, 0
  %30 = getelementptr inbounds i64, i64* %req, i64 0
  %31 = load i64, i64* %30, align 8
  %32 = icmp eq i64 %31, 0
  %33 = or i1 %29, %32
  %34 = and i1 true, %33
  %35 = getelementptr inbounds i64, i64* %req, i64 2
  %36 = load i64, i64* %35, align 8
  %37 = icmp ne i64 %36, 0
  %38 = and i1 true, %37
  br i1 %38, label %fired, label %next, !prof !0

fired:                                            ; preds = %decide
  br label %next

next:                                             ; preds = %fired, %decide
  %39 = phi i64 [ 0, %decide ], [ 1, %fired ]
  %40 = getelementptr inbounds i64, i64* %req, i64 3
  %41 = load i64, i64* %40, align 8
  %42 = icmp ne i64 %41, 0
  %43 = and i1 true, %42
  br i1 %43, label %fired1, label %next2, !prof !0

fired1:                                           ; preds = %next
  %44 = or i64 %39, 2
  br label %next2

next2:                                            ; preds = %fired1, %next
  %45 = phi i64 [ %39, %next ], [ %44, %fired1 ]
  %46 = and i1 %34, true
  %47 = getelementptr inbounds i64, i64* %req, i64 3
  %48 = load i64, i64* %47, align 8
  %49 = icmp ne i64 %48, 0
  %50 = getelementptr inbounds i64, i64* %req, i64 2
  %51 = load i64, i64* %50, align 8
  %52 = icmp ne i64 %51, 0
  %53 = and i1 %52, %49
  %54 = and i1 %46, %53
  br i1 %54, label %fired3, label %next4, !prof !0

fired3:                                           ; preds = %next2
  %55 = or i64 %45, 8
  br label %next4

next4:                                            ; preds = %fired3, %next2
  %56 = phi i64 [ %45, %next2 ], [ %55, %fired3 ]
  %57 = getelementptr inbounds i64, i64* %block, i64 2
  %58 = or i64 %56, 4
  store i64 %58, i64* %57, align 8
  %59 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %59, align 8
  %60 = getelementptr inbounds i64, i64* %block, i64 6
  %61 = bitcast i64* %60 to i32*
  %62 = getelementptr inbounds i32, i32* %61, i64 0
  store i32 -1, i32* %62, align 4
  %63 = getelementptr inbounds i32, i32* %61, i64 1
  store i32 -1, i32* %63, align 4
  %64 = getelementptr inbounds i32, i32* %61, i64 2
  store i32 -1, i32* %64, align 4
  %65 = and i64 %56, 10
  %66 = icmp ne i64 %65, 0
  br i1 %66, label %refused, label %kept

refused:                                          ; preds = %next4
  %67 = and i64 %65, 2
  %68 = and i64 %65, 8
  %69 = lshr i64 %68, 1
  %70 = or i64 %67, %69
  %71 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %70, i64* %71, align 8
  %72 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %72, align 8
  %73 = and i64 %56, 4
  %74 = lshr i64 %73, 1
  %75 = getelementptr inbounds i64, i64* %block, i64 5
  %76 = or i64 %74, 2
  store i64 %76, i64* %75, align 8
  %77 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 1, i64* %77, align 8
  ret i32 2

kept:                                             ; preds = %next4
  %78 = and i64 %56, 1
  %79 = icmp ne i64 %78, 0
  br i1 %79, label %decided, label %by_default

by_default:                                       ; preds = %kept
  %80 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %80, align 8
  %81 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %81, align 8
  %82 = and i64 %56, 4
  %83 = lshr i64 %82, 1
  %84 = getelementptr inbounds i64, i64* %block, i64 5
  %85 = or i64 %83, 2
  store i64 %85, i64* %84, align 8
  %86 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 1, i64* %86, align 8
  ret i32 258

decided:                                          ; preds = %kept
  %87 = select i1 %79, i32 1, i32 0
  %88 = select i1 %79, i64 %78, i64 0
  %89 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %88, i64* %89, align 8
  %90 = and i64 %56, 1
  %91 = and i64 %90, -1
  %92 = select i1 %79, i64 %91, i64 0
  %93 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %92, i64* %93, align 8
  %94 = select i1 %79, i1 false, i1 false
  %95 = and i64 %56, 4
  %96 = or i64 %95, 4
  %97 = select i1 %94, i64 %96, i64 0
  %98 = lshr i64 %97, 1
  %99 = icmp ne i64 %97, 0
  %100 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %98, i64* %100, align 8
  %101 = zext i1 %99 to i64
  %102 = or i64 0, %101
  %103 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 %102, i64* %103, align 8
  ret i32 %87
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
