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
@pacta.s26 = private unnamed_addr constant [3 x i8] c"L2\00"
@pacta.s27 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s28 = private unnamed_addr constant [6 x i8] c"0.1.0\00"
@pacta.s29 = private unnamed_addr constant [579 x i8] c"# Language 2 in the IR: a may refuse (a referral, its ground\0A# discretionary), an obligation on refuse borne by the requested Party,\0A# and a reservation in force when its Party is either Party.\0Aagreement \22L2\22\0A  parties XA, XB\0Aenum party { XA, XB }\0Arequest {\0A  requesting_party: party\0A  requested_party: party\0A  risky: bool = false\0A  bad: bool = false\0A}\0Aobligation give_reasons on refuse by requested \22give reasons\22\0Aclause 1 \22Discretion\22\0A  may refuse when risky\0Aclause 2 \22Refusal\22\0A  refuse when bad\0A  oblige give_reasons\0Areservation XA 3.R \22Reserved\22\0A  refuse when risky and bad\0A\00"
@pacta.s30 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta_module = constant { i32, i32, i8*, [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8*, i8* } { i32 1096041296, i32 2, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s28, i64 0, i64 0), [32 x i8] c"\1A\99\10}\E5\CA\CB'c/\D9Nd\FA<zx\AC\A7\10\E3\B7\EF\F2w\22\A62\F1\15\89\0C", i8* getelementptr inbounds ([579 x i8], [579 x i8]* @pacta.s29, i64 0, i64 0), i64 578, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s30, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s26, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s27, i64 0, i64 0), i8* null, i8 2, i8* null, i32 0, i32 1, i8* bitcast ([1 x { i8*, i32, i8* }]* @pacta.a4 to i8*), i32 4, i8* bitcast ([4 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a11 to i8*), i32 4, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }]* @pacta.a14 to i8*), i32 0, i32 3, i8* bitcast ([3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a24 to i8*), i32 4, i8* bitcast ([4 x { i32, i8, i32, i8*, i32 }]* @pacta.a25 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*), i8* bitcast (i32 (i64*, i64*)* @pacta_trace to i8*) }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: noinline nounwind
define internal i32 @pacta_decide_kept(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 2
  %1 = load i8, i8* %0, align 1
  %2 = and i8 %1, 1
  %3 = zext i8 %2 to i64
  %4 = icmp ne i64 %3, 0
  %5 = and i1 true, %4
  br i1 %5, label %grant, label %next

grant:                                            ; preds = %entry
  %ret = phi i32 [ 1, %entry ]
  %6 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %6, align 8
  ret i32 %ret

refuse:                                           ; preds = %next
  %ret1 = phi i32 [ 258, %next ]
  %7 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 1, i64* %7, align 8
  ret i32 %ret1

next:                                             ; preds = %entry
  br label %refuse
}

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #2 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 0
  %1 = load i8, i8* %0, align 1
  %2 = zext i8 %1 to i64
  %3 = getelementptr inbounds i8, i8* %bytes, i64 1
  %4 = load i8, i8* %3, align 1
  %5 = zext i8 %4 to i64
  %6 = lshr i64 %5, 6
  %7 = icmp eq i64 %5, 0
  %8 = or i1 false, %7
  %9 = icmp eq i64 %5, 1
  %10 = or i1 %8, %9
  %11 = lshr i64 %2, 6
  %12 = icmp eq i64 %2, 0
  %13 = or i1 false, %12
  %14 = icmp eq i64 %2, 1
  %15 = or i1 %13, %14
  %16 = and i1 %15, %10
  %17 = xor i1 %16, true
  br i1 %17, label %not_in_force, label %decide

grant:                                            ; No predecessors!
  unreachable

refuse:                                           ; preds = %next, %decide
  %ret = phi i32 [ 2, %decide ], [ 2, %next ]
  %18 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 1, i64* %18, align 8
  ret i32 %ret

not_in_force:                                     ; preds = %entry
  %19 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %19, align 8
  ret i32 514

decide:                                           ; preds = %entry
  %20 = getelementptr inbounds i8, i8* %bytes, i64 2
  %21 = load i8, i8* %20, align 1
  %22 = lshr i8 %21, 1
  %23 = and i8 %22, 1
  %24 = zext i8 %23 to i64
  %25 = icmp ne i64 %24, 0
  %26 = and i1 true, %25
  br i1 %26, label %refuse, label %next

next:                                             ; preds = %decide
  %27 = getelementptr inbounds i8, i8* %bytes, i64 2
  %28 = load i8, i8* %27, align 1
  %29 = lshr i8 %28, 1
  %30 = and i8 %29, 1
  %31 = zext i8 %30 to i64
  %32 = icmp ne i64 %31, 0
  %33 = getelementptr inbounds i8, i8* %bytes, i64 2
  %34 = load i8, i8* %33, align 1
  %35 = and i8 %34, 1
  %36 = zext i8 %35 to i64
  %37 = icmp ne i64 %36, 0
  %38 = and i1 %37, %32
  %39 = getelementptr inbounds i8, i8* %bytes, i64 1
  %40 = load i8, i8* %39, align 1
  %41 = zext i8 %40 to i64
  %42 = icmp eq i64 %41, 0
  %43 = getelementptr inbounds i8, i8* %bytes, i64 0
  %44 = load i8, i8* %43, align 1
  %45 = zext i8 %44 to i64
  %46 = icmp eq i64 %45, 0
  %47 = or i1 %42, %46
  %48 = and i1 true, %47
  %49 = and i1 %48, true
  %50 = and i1 %49, %38
  br i1 %50, label %refuse, label %next1

next1:                                            ; preds = %next
  %51 = tail call i32 @pacta_decide_kept(i64* %req, i64* %block)
  ret i32 %51
}

; Function Attrs: nounwind
define internal i32 @pacta_trace(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #2 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 0
  %1 = load i8, i8* %0, align 1
  %2 = zext i8 %1 to i64
  %3 = getelementptr inbounds i8, i8* %bytes, i64 1
  %4 = load i8, i8* %3, align 1
  %5 = zext i8 %4 to i64
  %6 = lshr i64 %5, 6
  %7 = icmp eq i64 %5, 0
  %8 = or i1 false, %7
  %9 = icmp eq i64 %5, 1
  %10 = or i1 %8, %9
  %11 = lshr i64 %2, 6
  %12 = icmp eq i64 %2, 0
  %13 = or i1 false, %12
  %14 = icmp eq i64 %2, 1
  %15 = or i1 %13, %14
  %16 = and i1 %15, %10
  %17 = xor i1 %16, true
  br i1 %17, label %not_in_force, label %decide

not_in_force:                                     ; preds = %entry
  %18 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %18, align 8
  %19 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %19, align 8
  %20 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %20, align 8
  %21 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %21, align 8
  %22 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %22, align 8
  %23 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 0, i64* %23, align 8
  %24 = getelementptr inbounds i64, i64* %block, i64 6
  %25 = bitcast i64* %24 to i32*
  %26 = getelementptr inbounds i32, i32* %25, i64 0
  store i32 -1, i32* %26, align 4
  %27 = getelementptr inbounds i32, i32* %25, i64 1
  store i32 -1, i32* %27, align 4
  %28 = getelementptr inbounds i32, i32* %25, i64 2
  store i32 -1, i32* %28, align 4
  ret i32 514

decide:                                           ; preds = %entry
  %29 = getelementptr inbounds i8, i8* %bytes, i64 1
  %30 = load i8, i8* %29, align 1
  %31 = zext i8 %30 to i64
  %32 = icmp eq i64 %31, 0
  %33 = getelementptr inbounds i8, i8* %bytes, i64 0
  %34 = load i8, i8* %33, align 1
  %35 = zext i8 %34 to i64
  %36 = icmp eq i64 %35, 0
  %37 = or i1 %32, %36
  %38 = and i1 true, %37
  %39 = getelementptr inbounds i8, i8* %bytes, i64 2
  %40 = load i8, i8* %39, align 1
  %41 = and i8 %40, 1
  %42 = zext i8 %41 to i64
  %43 = icmp ne i64 %42, 0
  %44 = and i1 true, %43
  br i1 %44, label %fired, label %next, !prof !0

fired:                                            ; preds = %decide
  br label %next

next:                                             ; preds = %fired, %decide
  %45 = phi i64 [ 0, %decide ], [ 1, %fired ]
  %46 = getelementptr inbounds i8, i8* %bytes, i64 2
  %47 = load i8, i8* %46, align 1
  %48 = lshr i8 %47, 1
  %49 = and i8 %48, 1
  %50 = zext i8 %49 to i64
  %51 = icmp ne i64 %50, 0
  %52 = and i1 true, %51
  br i1 %52, label %fired1, label %next2, !prof !0

fired1:                                           ; preds = %next
  %53 = or i64 %45, 2
  br label %next2

next2:                                            ; preds = %fired1, %next
  %54 = phi i64 [ %45, %next ], [ %53, %fired1 ]
  %55 = and i1 %38, true
  %56 = getelementptr inbounds i8, i8* %bytes, i64 2
  %57 = load i8, i8* %56, align 1
  %58 = lshr i8 %57, 1
  %59 = and i8 %58, 1
  %60 = zext i8 %59 to i64
  %61 = icmp ne i64 %60, 0
  %62 = getelementptr inbounds i8, i8* %bytes, i64 2
  %63 = load i8, i8* %62, align 1
  %64 = and i8 %63, 1
  %65 = zext i8 %64 to i64
  %66 = icmp ne i64 %65, 0
  %67 = and i1 %66, %61
  %68 = and i1 %55, %67
  br i1 %68, label %fired3, label %next4, !prof !0

fired3:                                           ; preds = %next2
  %69 = or i64 %54, 8
  br label %next4

next4:                                            ; preds = %fired3, %next2
  %70 = phi i64 [ %54, %next2 ], [ %69, %fired3 ]
  %71 = getelementptr inbounds i64, i64* %block, i64 3
  %72 = or i64 %70, 4
  store i64 %72, i64* %71, align 8
  %73 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %73, align 8
  %74 = getelementptr inbounds i64, i64* %block, i64 6
  %75 = bitcast i64* %74 to i32*
  %76 = getelementptr inbounds i32, i32* %75, i64 0
  store i32 -1, i32* %76, align 4
  %77 = getelementptr inbounds i32, i32* %75, i64 1
  store i32 -1, i32* %77, align 4
  %78 = getelementptr inbounds i32, i32* %75, i64 2
  store i32 -1, i32* %78, align 4
  %79 = and i64 %70, 10
  %80 = icmp ne i64 %79, 0
  br i1 %80, label %refused, label %kept

refused:                                          ; preds = %next4
  %81 = and i64 %79, 2
  %82 = and i64 %79, 8
  %83 = lshr i64 %82, 1
  %84 = or i64 %81, %83
  %85 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %84, i64* %85, align 8
  %86 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %86, align 8
  %87 = and i64 %70, 4
  %88 = lshr i64 %87, 1
  %89 = getelementptr inbounds i64, i64* %block, i64 5
  %90 = or i64 %88, 2
  store i64 %90, i64* %89, align 8
  %91 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 1, i64* %91, align 8
  ret i32 2

kept:                                             ; preds = %next4
  %92 = and i64 %70, 1
  %93 = icmp ne i64 %92, 0
  br i1 %93, label %decided, label %by_default

by_default:                                       ; preds = %kept
  %94 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %94, align 8
  %95 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %95, align 8
  %96 = and i64 %70, 4
  %97 = lshr i64 %96, 1
  %98 = getelementptr inbounds i64, i64* %block, i64 5
  %99 = or i64 %97, 2
  store i64 %99, i64* %98, align 8
  %100 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 1, i64* %100, align 8
  ret i32 258

decided:                                          ; preds = %kept
  %101 = select i1 %93, i32 1, i32 0
  %102 = select i1 %93, i64 %92, i64 0
  %103 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %102, i64* %103, align 8
  %104 = and i64 %70, 1
  %105 = and i64 %104, -1
  %106 = select i1 %93, i64 %105, i64 0
  %107 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %106, i64* %107, align 8
  %108 = select i1 %93, i1 false, i1 false
  %109 = and i64 %70, 4
  %110 = or i64 %109, 4
  %111 = select i1 %108, i64 %110, i64 0
  %112 = lshr i64 %111, 1
  %113 = icmp ne i64 %111, 0
  %114 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %112, i64* %114, align 8
  %115 = zext i1 %113 to i64
  %116 = or i64 0, %115
  %117 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %116, i64* %117, align 8
  ret i32 %101
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { noinline nounwind "no-builtins" }
attributes #2 = { nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
