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
@pacta.a19 = private constant [1 x { i8*, i8, i8, i32, i32, i32 }] [{ i8*, i8, i8, i32, i32, i32 } { i8* getelementptr inbounds ([5 x i8], [5 x i8]* @pacta.s18, i64 0, i64 0), i8 1, i8 3, i32 0, i32 0, i32 1 }]
@pacta.s20 = private unnamed_addr constant [2 x i8] c"1\00"
@pacta.s21 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s22 = private unnamed_addr constant [2 x i8] c"2\00"
@pacta.s23 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s24 = private unnamed_addr constant [2 x i8] c"3\00"
@pacta.s25 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.a26 = private constant [3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32 }] [{ i8*, i8*, i8*, i8*, i8*, i8*, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s20, i64 0, i64 0), i8* null, i8* null, i8* null, i8* null, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s21, i64 0, i64 0), i32 18 }, { i8*, i8*, i8*, i8*, i8*, i8*, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s22, i64 0, i64 0), i8* null, i8* null, i8* null, i8* null, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s23, i64 0, i64 0), i32 20 }, { i8*, i8*, i8*, i8*, i8*, i8*, i32 } { i8* getelementptr inbounds ([2 x i8], [2 x i8]* @pacta.s24, i64 0, i64 0), i8* null, i8* null, i8* null, i8* null, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s25, i64 0, i64 0), i32 22 }]
@pacta.a27 = private constant [5 x { i32, i8, i32, i8*, i32 }] [{ i32, i8, i32, i8*, i32 } { i32 0, i8 2, i32 0, i8* null, i32 19 }, { i32, i8, i32, i8*, i32 } { i32 1, i8 4, i32 0, i8* null, i32 21 }, { i32, i8, i32, i8*, i32 } { i32 2, i8 0, i32 0, i8* null, i32 23 }, { i32, i8, i32, i8*, i32 } { i32 2, i8 3, i32 0, i8* null, i32 24 }, { i32, i8, i32, i8*, i32 } { i32 2, i8 3, i32 0, i8* null, i32 25 }]
@pacta.s28 = private unnamed_addr constant [3 x i8] c"IR\00"
@pacta.s29 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta.s30 = private unnamed_addr constant [6 x i8] c"0.1.0\00"
@pacta.s31 = private unnamed_addr constant [553 x i8] c"# An exemption with a condition, an obligation that combines, a window,\0A# and the step-0 checks of a header.\0Aagreement \22IR\22\0A  parties XA, XB\0A  effective 2025-01-01\0A  expires 2030-12-31\0A  default refer\0Aenum party { XA, XB, XC }\0Aenum kind { alpha, beta }\0Arequest {\0A  requesting_party: party\0A  requested_party: party\0A  submitted: date\0A  k: kind = alpha\0A  n: int = 0\0A}\0Aobligation keep: days combine min\0Aclause 1\0A  refuse when n > 10\0Aclause 2\0A  exempts 1 when k = beta\0Aclause 3 from 2026-01-01\0A  grant\0A  oblige keep 30 days\0A  oblige keep 10 days when n > 5\0A\00"
@pacta.s32 = private unnamed_addr constant [1 x i8] zeroinitializer
@pacta_module = constant { i32, i32, i8*, [32 x i8], i8*, i64, i8*, { i8*, i8*, i8, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* }, i8* } { i32 1096041296, i32 1, i8* getelementptr inbounds ([6 x i8], [6 x i8]* @pacta.s30, i64 0, i64 0), [32 x i8] c"\C8\D2 _\8D\B9Q\F9)\DD\F6\9A2S\15\C9\A7\96M\CF\89L\9B\08~\C7\91\1B\94\18h\CF", i8* getelementptr inbounds ([553 x i8], [553 x i8]* @pacta.s31, i64 0, i64 0), i64 552, i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s32, i64 0, i64 0), { i8*, i8*, i8, i32, i8*, i32, i8*, i32, i32, i8*, i32, i32, i8*, i32, i8* } { i8* getelementptr inbounds ([3 x i8], [3 x i8]* @pacta.s28, i64 0, i64 0), i8* getelementptr inbounds ([1 x i8], [1 x i8]* @pacta.s29, i64 0, i64 0), i8 1, i32 2, i8* bitcast ([2 x { i8*, i32, i8* }]* @pacta.a9 to i8*), i32 5, i8* bitcast ([5 x { i8*, i8, i8, i32, i32, i32, i8* }]* @pacta.a17 to i8*), i32 5, i32 1, i8* bitcast ([1 x { i8*, i8, i8, i32, i32, i32 }]* @pacta.a19 to i8*), i32 1, i32 3, i8* bitcast ([3 x { i8*, i8*, i8*, i8*, i8*, i8*, i32 }]* @pacta.a26 to i8*), i32 5, i8* bitcast ([5 x { i32, i8, i32, i8*, i32 }]* @pacta.a27 to i8*) }, i8* bitcast (i32 (i64*, i64*)* @pacta_decide to i8*) }

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.sadd.sat.i64(i64, i64) #0

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare i64 @llvm.ssub.sat.i64(i64, i64) #0

; Function Attrs: nounwind
define internal i32 @pacta_decide(i64* %req, i64* %block) #1 {
entry:
  %0 = getelementptr inbounds i64, i64* %req, i64 2
  %1 = load i64, i64* %0, align 8
  %2 = getelementptr inbounds i64, i64* %req, i64 0
  %3 = load i64, i64* %2, align 8
  %4 = getelementptr inbounds i64, i64* %req, i64 1
  %5 = load i64, i64* %4, align 8
  %6 = lshr i64 %5, 6
  %7 = and i64 %5, 63
  %8 = lshr i64 3, %7
  %9 = and i64 %8, 1
  %10 = icmp ne i64 %9, 0
  %11 = lshr i64 %3, 6
  %12 = and i64 %3, 63
  %13 = lshr i64 3, %12
  %14 = and i64 %13, 1
  %15 = icmp ne i64 %14, 0
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
  %29 = bitcast i64* %28 to i32*
  %30 = getelementptr inbounds i32, i32* %29, i64 0
  store i32 -1, i32* %30, align 4
  %31 = getelementptr inbounds i32, i32* %29, i64 1
  store i32 -1, i32* %31, align 4
  %32 = getelementptr inbounds i32, i32* %29, i64 2
  store i32 -1, i32* %32, align 4
  ret i32 514

decide:                                           ; preds = %entry
  %33 = icmp sge i64 %1, 739616
  %34 = and i1 true, %33
  %35 = getelementptr inbounds i64, i64* %req, i64 3
  %36 = load i64, i64* %35, align 8
  %37 = icmp eq i64 %36, 1
  %38 = and i1 true, %37
  %39 = and i1 %38, true
  %40 = or i1 false, %39
  %41 = select i1 %39, i32 1, i32 -1
  %42 = xor i1 %40, true
  %43 = and i1 true, %42
  %44 = getelementptr inbounds i64, i64* %req, i64 4
  %45 = load i64, i64* %44, align 8
  %46 = icmp sgt i64 %45, 10
  %47 = and i1 %43, %46
  %48 = or i1 false, %47
  %49 = or i1 false, %47
  %50 = and i1 %34, true
  %51 = and i1 %50, true
  %52 = or i1 false, %51
  %53 = or i1 false, %51
  %54 = and i1 %50, true
  %55 = getelementptr inbounds i64, i64* %req, i64 4
  %56 = load i64, i64* %55, align 8
  %57 = icmp sgt i64 %56, 5
  %58 = and i1 %50, %57
  %59 = or i1 false, %52
  %60 = or i1 %48, %59
  %61 = select i1 %52, i32 0, i32 1
  %62 = select i1 false, i32 1, i32 %61
  %63 = select i1 %48, i32 2, i32 %62
  %64 = select i1 %60, i32 0, i32 1
  %65 = xor i1 %48, true
  %66 = and i1 %65, false
  %67 = and i1 true, %52
  %68 = xor i1 %48, true
  %69 = and i1 %68, %67
  %70 = and i1 %69, false
  %71 = and i1 %66, false
  %72 = or i1 %71, %70
  %73 = and i1 %48, %49
  %74 = or i1 %73, %72
  %75 = zext i1 %74 to i64
  %76 = or i64 0, %75
  %77 = zext i1 %40 to i64
  %78 = or i64 0, %77
  %79 = and i1 %69, false
  %80 = and i1 %66, false
  %81 = or i1 %80, %79
  %82 = and i1 %48, false
  %83 = or i1 %82, %81
  %84 = zext i1 %83 to i64
  %85 = shl i64 %84, 1
  %86 = or i64 %76, %85
  %87 = and i1 %69, %53
  %88 = and i1 %66, false
  %89 = or i1 %88, %87
  %90 = and i1 %48, false
  %91 = or i1 %90, %89
  %92 = zext i1 %91 to i64
  %93 = shl i64 %92, 2
  %94 = or i64 %86, %93
  %95 = zext i1 %47 to i64
  %96 = or i64 0, %95
  %97 = zext i1 %38 to i64
  %98 = shl i64 %97, 1
  %99 = or i64 %96, %98
  %100 = zext i1 %51 to i64
  %101 = shl i64 %100, 2
  %102 = or i64 %99, %101
  %103 = zext i1 %54 to i64
  %104 = shl i64 %103, 3
  %105 = or i64 %102, %104
  %106 = zext i1 %58 to i64
  %107 = shl i64 %106, 4
  %108 = or i64 %105, %107
  %109 = icmp eq i32 %63, 2
  %110 = xor i1 %109, true
  %111 = and i1 %54, %110
  %112 = zext i1 %111 to i64
  %113 = shl i64 %112, 2
  %114 = or i64 0, %113
  %115 = select i1 %54, i64 30, i64 0
  %116 = or i1 false, %54
  %117 = and i1 %58, %110
  %118 = zext i1 %117 to i64
  %119 = shl i64 %118, 2
  %120 = or i64 %114, %119
  %121 = icmp slt i64 10, %115
  %122 = select i1 %121, i64 10, i64 %115
  %123 = select i1 %116, i64 %122, i64 10
  %124 = select i1 %58, i64 %123, i64 %115
  %125 = or i1 %116, %58
  %126 = and i1 %125, %110
  %127 = zext i1 %126 to i64
  %128 = or i64 0, %127
  %129 = select i1 %126, i64 %124, i64 0
  %130 = getelementptr inbounds i64, i64* %block, i64 0
  store i64 %94, i64* %130, align 8
  %131 = getelementptr inbounds i64, i64* %block, i64 1
  store i64 %108, i64* %131, align 8
  %132 = getelementptr inbounds i64, i64* %block, i64 2
  store i64 %78, i64* %132, align 8
  %133 = getelementptr inbounds i64, i64* %block, i64 3
  store i64 %128, i64* %133, align 8
  %134 = getelementptr inbounds i64, i64* %block, i64 4
  store i64 %129, i64* %134, align 8
  %135 = getelementptr inbounds i64, i64* %block, i64 5
  store i64 %120, i64* %135, align 8
  %136 = getelementptr inbounds i64, i64* %block, i64 6
  %137 = bitcast i64* %136 to i32*
  %138 = getelementptr inbounds i32, i32* %137, i64 0
  store i32 %41, i32* %138, align 4
  %139 = getelementptr inbounds i32, i32* %137, i64 1
  store i32 -1, i32* %139, align 4
  %140 = getelementptr inbounds i32, i32* %137, i64 2
  store i32 -1, i32* %140, align 4
  %141 = shl i32 %64, 8
  %142 = or i32 %63, %141
  ret i32 %142
}

attributes #0 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #1 = { nounwind "no-builtins" }
