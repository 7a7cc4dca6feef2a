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
@pacta_module = constant { i32, i32, i8*, [32 x i8], [32 x i8], i8*, i64, i8*, { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8*, i8*, i64, { i8*, i32, i32, i8* } } { i32 1096041296, i32 6, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s29, i64 0, i64 0), [32 x i8] c"\1A\99\10}\E5\CA\CB'c/\D9Nd\FA<zx\AC\A7\10\E3\B7\EF\F2w\22\A62\F1\15\89\0C", [32 x i8] zeroinitializer, i8* getelementptr inbounds ([579 x i8], [579 x i8]* @pacta.s30, i64 0, i64 0), i64 578, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s31, i64 0, i64 0), { i8*, i8*, i8*, i8, i8*, i32, i32, i8*, i8, i8, i64, i64, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s27, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s28, i64 0, i64 0), i8* null, i8 2, i8* null, i32 0, i32 2, i8* bitcast ([2 x i32]* @pacta.a26 to i8*), i8 0, i8 0, i64 0, i64 0, i32 1, i8* bitcast ([1 x { i8*, i32, i8* }]* @pacta.a4 to i8*), i32 4, i8* bitcast ([4 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a11 to i8*), i32 4, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i8, i8, i32, i32, i32, i8* }]* @pacta.a14 to i8*), i32 0, i32 3, i8* bitcast ([3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32, i8, i32 }]* @pacta.a24 to i8*), i32 4, i8* bitcast ([4 x { i32, i8, i32, i8*, i32 }]* @pacta.a25 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*), i8* bitcast (i32 (i64*, i64*)* @pacta_trace to i8*), i64 2917802901485396477, { i8*, i32, i32, i8* } zeroinitializer }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: nounwind
define internal void @pacta_decide.kept.refuse.values0(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 1, i64* %0, align 8
  ret void
}

; Function Attrs: nounwind
define internal i1 @pacta_decide.kept.refer.0(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 0
  %1 = bitcast i8* %0 to i64*
  %2 = load i64, i64* %1, align 8
  %3 = lshr i64 %2, 16
  %4 = and i64 %3, 1
  %5 = icmp ne i64 %4, 0
  br i1 %5, label %fired, label %next

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
  %0 = call i1 @pacta_decide.kept.refer.0(i64* %req, i64* %block)
  br i1 %0, label %grant, label %next

grant:                                            ; preds = %entry
  %ret = phi i32 [ 1, %entry ]
  %1 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %1, align 8
  %2 = call i32 asm "", "=r,0"(i32 0)
  %outcome = bitcast i64* %head to i8*
  %3 = trunc i32 %ret to i8
  store i8 %3, i8* %outcome, align 8
  %ground = getelementptr inbounds i8, i8* %outcome, i64 1
  %4 = lshr i32 %ret, 8
  %5 = trunc i32 %4 to i8
  store i8 %5, i8* %ground, align 1
  ret i32 %2

refuse:                                           ; preds = %next
  %ret1 = phi i32 [ 258, %next ]
  call void @pacta_decide.kept.refuse.values0(i64* %req, i64* %block)
  %6 = call i32 asm "", "=r,0"(i32 0)
  %outcome2 = bitcast i64* %head to i8*
  %7 = trunc i32 %ret1 to i8
  store i8 %7, i8* %outcome2, align 8
  %ground3 = getelementptr inbounds i8, i8* %outcome2, i64 1
  %8 = lshr i32 %ret1, 8
  %9 = trunc i32 %8 to i8
  store i8 %9, i8* %ground3, align 1
  ret i32 %6

next:                                             ; preds = %entry
  br label %refuse
}

; Function Attrs: nounwind
define internal void @pacta_decide.refuse.values0(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 1, i64* %0, align 8
  ret void
}

; Function Attrs: nounwind
define internal i1 @pacta_decide.refuse.0(i64* noalias nocapture readonly %req, i64* noalias nocapture writeonly %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 0
  %1 = bitcast i8* %0 to i64*
  %2 = load i64, i64* %1, align 8
  %3 = lshr i64 %2, 17
  %4 = and i64 %3, 1
  %5 = icmp ne i64 %4, 0
  br i1 %5, label %fired, label %next

fired:                                            ; preds = %in_force, %entry
  ret i1 true

next:                                             ; preds = %entry
  %6 = getelementptr inbounds i8, i8* %bytes, i64 0
  %7 = bitcast i8* %6 to i64*
  %8 = load i64, i64* %7, align 8
  %9 = lshr i64 %8, 16
  %10 = and i64 %9, 1
  %11 = icmp ne i64 %10, 0
  br i1 %11, label %then, label %next1

next1:                                            ; preds = %active, %then, %next
  ret i1 false

active:                                           ; preds = %then
  %12 = getelementptr inbounds i8, i8* %bytes, i64 1
  %13 = load i8, i8* %12, align 1
  %14 = zext i8 %13 to i64
  %15 = icmp eq i64 %14, 0
  %16 = getelementptr inbounds i8, i8* %bytes, i64 0
  %17 = load i8, i8* %16, align 1
  %18 = zext i8 %17 to i64
  %19 = icmp eq i64 %18, 0
  %20 = or i1 %15, %19
  %21 = and i1 true, %20
  br i1 %21, label %in_force, label %next1

then:                                             ; preds = %next
  %22 = icmp ne i64 %4, 0
  br i1 %22, label %active, label %next1

in_force:                                         ; preds = %active
  br label %fired
}

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* noalias nocapture readonly %req, i64* noalias nocapture %head) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %block = getelementptr inbounds i64, i64* %head, i64 1
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

refuse:                                           ; preds = %decide
  %ret = phi i32 [ 2, %decide ]
  call void @pacta_decide.refuse.values0(i64* %req, i64* %block)
  %outcome1 = bitcast i64* %head to i8*
  %18 = trunc i32 %ret to i8
  store i8 %18, i8* %outcome1, align 8
  %ground2 = getelementptr inbounds i8, i8* %outcome1, i64 1
  %19 = lshr i32 %ret, 8
  %20 = trunc i32 %19 to i8
  store i8 %20, i8* %ground2, align 1
  ret i32 0

not_in_force:                                     ; preds = %entry
  %21 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 0, i64* %21, align 8
  %outcome = bitcast i64* %head to i8*
  store i8 2, i8* %outcome, align 8
  %ground = getelementptr inbounds i8, i8* %outcome, i64 1
  store i8 2, i8* %ground, align 1
  ret i32 0

decide:                                           ; preds = %entry
  %22 = call i1 @pacta_decide.refuse.0(i64* %req, i64* %block)
  br i1 %22, label %refuse, label %next

next:                                             ; preds = %decide
  %23 = tail call i32 @pacta_decide_kept(i64* %req, i64* %head)
  ret i32 %23
}

; Function Attrs: nounwind
define internal void @pacta_trace.rules0(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
entry:
  %bytes = bitcast i64* %req to i8*
  %0 = getelementptr inbounds i8, i8* %bytes, i64 0
  %1 = bitcast i8* %0 to i64*
  %2 = load i64, i64* %1, align 8
  %3 = lshr i64 %2, 16
  %4 = and i64 %3, 1
  %5 = icmp ne i64 %4, 0
  %6 = and i1 true, %5
  br i1 %6, label %fired, label %next, !prof !0

fired:                                            ; preds = %entry
  br label %next

next:                                             ; preds = %fired, %entry
  %7 = phi i64 [ 0, %entry ], [ 1, %fired ]
  %8 = getelementptr inbounds i8, i8* %bytes, i64 0
  %9 = bitcast i8* %8 to i64*
  %10 = load i64, i64* %9, align 8
  %11 = lshr i64 %10, 17
  %12 = and i64 %11, 1
  %13 = icmp ne i64 %12, 0
  %14 = and i1 true, %13
  br i1 %14, label %fired1, label %next2, !prof !0

fired1:                                           ; preds = %next
  %15 = or i64 %7, 2
  br label %next2

next2:                                            ; preds = %fired1, %next
  %16 = phi i64 [ %7, %next ], [ %15, %fired1 ]
  %17 = getelementptr inbounds i8, i8* %bytes, i64 1
  %18 = load i8, i8* %17, align 1
  %19 = zext i8 %18 to i64
  %20 = icmp eq i64 %19, 0
  %21 = getelementptr inbounds i8, i8* %bytes, i64 0
  %22 = load i8, i8* %21, align 1
  %23 = zext i8 %22 to i64
  %24 = icmp eq i64 %23, 0
  %25 = or i1 %20, %24
  %26 = and i1 true, %25
  %27 = and i1 %26, true
  %28 = icmp ne i64 %12, 0
  %29 = icmp ne i64 %4, 0
  %30 = and i1 %29, %28
  %31 = and i1 %27, %30
  br i1 %31, label %fired3, label %next4, !prof !0

fired3:                                           ; preds = %next2
  %32 = or i64 %16, 8
  br label %next4

next4:                                            ; preds = %fired3, %next2
  %33 = phi i64 [ %16, %next2 ], [ %32, %fired3 ]
  %34 = getelementptr inbounds i64, i64* %block, i64 3
  %35 = or i64 %33, 4
  %36 = load i64, i64* %34, align 8
  %37 = or i64 %36, %35
  store i64 %37, i64* %34, align 8
  ret void
}

; Function Attrs: nounwind
define internal i32 @pacta_trace(i64* noalias nocapture readonly %req, i64* noalias nocapture %block) #1 {
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
  ret i32 514

decide:                                           ; preds = %entry
  %24 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 0, i64* %24, align 8
  %25 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 0, i64* %25, align 8
  call void @pacta_trace.rules0(i64* %req, i64* %block)
  %26 = getelementptr inbounds i64, i64* %block, i64 3
  %27 = load i64, i64* %26, align 8
  %28 = and i64 %27, 10
  %29 = icmp ne i64 %28, 0
  br i1 %29, label %refused, label %kept

refused:                                          ; preds = %decide
  %30 = and i64 %28, 2
  %31 = and i64 %28, 8
  %32 = lshr i64 %31, 1
  %33 = or i64 %30, %32
  %34 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %33, i64* %34, align 8
  %35 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %35, align 8
  %36 = and i64 %27, 4
  %37 = lshr i64 %36, 1
  %38 = icmp ne i64 %36, 0
  %39 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %37, i64* %39, align 8
  %40 = zext i1 %38 to i64
  %41 = or i64 0, %40
  %42 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %41, i64* %42, align 8
  ret i32 2

kept:                                             ; preds = %decide
  %43 = and i64 %27, 1
  %44 = icmp ne i64 %43, 0
  br i1 %44, label %decided, label %by_default

by_default:                                       ; preds = %kept
  %45 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 0, i64* %45, align 8
  %46 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 0, i64* %46, align 8
  %47 = and i64 %27, 4
  %48 = lshr i64 %47, 1
  %49 = icmp ne i64 %47, 0
  %50 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %48, i64* %50, align 8
  %51 = zext i1 %49 to i64
  %52 = or i64 0, %51
  %53 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %52, i64* %53, align 8
  ret i32 258

decided:                                          ; preds = %kept
  %54 = select i1 %44, i32 1, i32 0
  %55 = select i1 %44, i64 %43, i64 0
  %56 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %55, i64* %56, align 8
  %57 = and i64 %27, 1
  %58 = and i64 %57, -1
  %59 = select i1 %44, i64 %58, i64 0
  %60 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %59, i64* %60, align 8
  %61 = select i1 %44, i1 false, i1 false
  %62 = and i64 %27, 4
  %63 = select i1 %61, i64 %62, i64 0
  %64 = lshr i64 %63, 1
  %65 = icmp ne i64 %63, 0
  %66 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %64, i64* %66, align 8
  %67 = zext i1 %65 to i64
  %68 = or i64 0, %67
  %69 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %68, i64* %69, align 8
  ret i32 %54
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { nounwind "no-builtins" }
attributes #2 = { noinline nounwind "no-builtins" }

!0 = !{!"branch_weights", i32 1, i32 1000}
