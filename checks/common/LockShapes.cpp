//===--- LockShapes.cpp ---------------------------------------------------===//
#include "common/LockShapes.h"
#include "common/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <llvm/ADT/StringSwitch.h>

namespace asynclint {

using namespace clang;

namespace {

LockOp opNamed(StringRef Name) {
  return llvm::StringSwitch<LockOp>(Name)
      .Cases("lock", "Lock", "WriterLock", "lockForWrite", LockOp::Lock)
      // A mutex asserted held (port::Mutex::AssertHeld) is held from here.
      .Cases("AssertHeld", "assertHeld", "assert_held", LockOp::Lock)
      .Cases("lock_shared", "ReaderLock", "lockForRead", "AssertReaderHeld", LockOp::LockShared)
      .Cases("try_lock", "try_lock_for", "try_lock_until", "TryLock", "tryLock", LockOp::TryLock)
      .Cases("WriterTryLock", "tryLockForWrite", LockOp::TryLock)
      .Cases("try_lock_shared", "try_lock_shared_for", "try_lock_shared_until", "ReaderTryLock",
             "tryLockForRead", LockOp::TryLockShared)
      .Cases("unlock", "Unlock", "WriterUnlock", "unlock_shared", "ReaderUnlock", LockOp::Unlock)
      .Cases("owns_lock", "locked", "isLocked", "owns", LockOp::OwnsLock)
      .Default(LockOp::None);
}

bool isTaking(LockOp Op) {
  return Op == LockOp::Lock || Op == LockOp::LockShared || Op == LockOp::TryLock ||
         Op == LockOp::TryLockShared;
}

bool isCopyOrMove(const CXXConstructorDecl &Constructor) {
  return Constructor.isCopyOrMoveConstructor();
}

/// The class a parameter of reference or pointer type refers to.
const CXXRecordDecl *referredClass(QualType Type) {
  if (!Type->isReferenceType() && !Type->isPointerType())
    return nullptr;
  return classOf(Type);
}

/// The constructor's (or one of its class's member functions') view of which
/// parameter an expression designates: the parameter itself, its address, or
/// a member the constructor initialised from it.
class ConstructorScan {
public:
  ConstructorScan(LockShapes &Shapes, const CXXRecordDecl &Class, const FunctionDecl &Constructor)
      : Shapes(Shapes), Class(Class), Constructor(Constructor) {}

  void run(const CXXConstructorDecl &Definition) {
    for (const CXXCtorInitializer *Init : Definition.inits()) {
      if (!Init->getInit())
        continue;
      scan(Init->getInit(), 0);
      if (const FieldDecl *Field = Init->getMember())
        if (std::optional<unsigned> Param = parameterOf(Init->getInit()))
          FieldParams[Field] = *Param;
    }
    if (Definition.getBody())
      scan(Definition.getBody(), 0);
  }

  llvm::SmallVector<std::pair<unsigned, LockOp>, 2> Locked;

private:
  std::optional<unsigned> parameterOf(const Expr *E) const {
    while (E) {
      E = E->IgnoreImplicit()->IgnoreParenCasts();
      if (const auto *Op = dyn_cast<UnaryOperator>(E);
          Op && (Op->getOpcode() == UO_AddrOf || Op->getOpcode() == UO_Deref)) {
        E = Op->getSubExpr();
        continue;
      }
      // std::addressof(m), std::__addressof(m)
      if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
        if (const FunctionDecl *Callee = Call->getDirectCallee();
            Callee && Callee->getName().contains("addressof")) {
          E = Call->getArg(0);
          continue;
        }
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
          Construct && Construct->getNumArgs() == 1) {
        E = Construct->getArg(0);
        continue;
      }
      break;
    }
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
      if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
          Param && Param->getDeclContext() == &Constructor)
        return Param->getFunctionScopeIndex();
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl())) {
          auto It = FieldParams.find(Field);
          if (It != FieldParams.end())
            return It->second;
        }
      // mutex_.mutex_ (asio's conditionally_enabled_mutex): a part of it.
      return parameterOf(Member->getBase());
    }
    return std::nullopt;
  }

  void record(std::optional<unsigned> Param, LockOp Op) {
    if (Param && isTaking(Op))
      Locked.push_back({*Param, Op});
  }

  void scan(const Stmt *S, unsigned Depth) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Assign = dyn_cast<BinaryOperator>(S); Assign && Assign->isAssignmentOp())
      if (const auto *Member = dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParenImpCasts());
          Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
          if (std::optional<unsigned> Param = parameterOf(Assign->getRHS()))
            FieldParams[Field] = *Param;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      const Expr *Object = Call->getImplicitObjectArgument();
      if (Method && Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts())) {
        // unique_lock's constructor calls its own lock(), which locks the
        // member it keeps the mutex in.
        const FunctionDecl *Definition = nullptr;
        if (Depth < 2 && Method->getParent() == &Class && Method->hasBody(Definition))
          scan(Definition->getBody(), Depth + 1);
      } else if (Method && Object) {
        const CXXRecordDecl *ObjectClass = classOf(Object->getType());
        if (ObjectClass && Shapes.isLockable(*ObjectClass))
          record(parameterOf(Object), opNamed(Method->getIdentifier() ? Method->getName() : ""));
      }
    } else if (const auto *Free = dyn_cast<CallExpr>(S); Free && !isa<CXXMemberCallExpr>(S)) {
      CallSite Site{Free, Free->getDirectCallee(), nullptr};
      if (const catalog::LockFunction *Lock = Site.Callee ? Shapes.lockFunction(Site) : nullptr) {
        LockOp Op = Lock->Shared ? LockOp::LockShared : LockOp::Lock;
        if (Lock->AllArgs)
          for (const Expr *Argument : Free->arguments())
            record(parameterOf(Argument), Op);
        else if (Lock->MutexArg >= 0 && static_cast<unsigned>(Lock->MutexArg) < Free->getNumArgs())
          record(parameterOf(Free->getArg(Lock->MutexArg)), Op);
      }
    }
    for (const Stmt *Child : S->children())
      scan(Child, Depth);
  }

  LockShapes &Shapes;
  const CXXRecordDecl &Class;
  const FunctionDecl &Constructor;
  llvm::DenseMap<const FieldDecl *, unsigned> FieldParams;
};

} // namespace

LockShapes::LockShapes(std::shared_ptr<const catalog::Catalog> CatalogIn, const Settings &Options)
    : Catalog(std::move(CatalogIn)) {
  const catalog::SharedStateKnowledge &Shared = Catalog->SharedState;
  auto AddAll = [&](auto &Map, const std::string &Name, auto Value) {
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      Map.try_emplace(Spelling, Value);
  };
  for (const catalog::LockFunction &Function : Shared.LockFunctions)
    AddAll(Locks, Function.Name, &Function);
  for (const catalog::LockFunction &Function : Shared.UnlockFunctions)
    AddAll(Unlocks, Function.Name, &Function);
  for (const catalog::LockFunction &Function : Shared.TryLockFunctions)
    AddAll(TryLocks, Function.Name, &Function);
  for (const catalog::LockGuardType &Guard : Shared.LockGuards)
    AddAll(Guards, Guard.Name, Guard);
  for (const std::string &Name : Options.ExtraGuards)
    AddAll(Guards, Name, catalog::LockGuardType{Name, false});
  for (const std::string &Name : Shared.DeferLockTypes)
    addSpellings(DeferTags, Name);
  for (const std::string &Name : Shared.AdoptLockTypes)
    addSpellings(AdoptTags, Name);
  for (const std::string &Name : Shared.TryToLockTypes)
    addSpellings(TryTags, Name);
  for (const std::string &Name : Shared.AtomicTypes)
    addSpellings(Atomics, Name);
  for (const std::string &Name : Shared.SynchronizedTypes)
    addSpellings(Synchronized, Name);
  // Async mutexes (cppcoro::async_mutex) synchronise themselves whatever
  // their members are called.
  for (const catalog::AsyncLockType &Lock : Catalog->AsyncLocks)
    addSpellings(Synchronized, Lock.Name);
}

void LockShapes::addSpellings(llvm::StringSet<> &Set, const std::string &Name) const {
  for (const std::string &Spelling : Catalog->spellingsOf(Name))
    Set.insert(Spelling);
}

void LockShapes::clear() {
  Names.clear();
  Lockable.clear();
  GuardShape.clear();
  SyncClass.clear();
  SelfSync.clear();
  SyncType.clear();
  Effects.clear();
}

bool LockShapes::hasMethodNamed(const CXXRecordDecl &Class, llvm::ArrayRef<StringRef> Wanted) {
  const CXXRecordDecl *Definition = Class.getDefinition();
  if (!Definition)
    return false;
  for (StringRef Name : Wanted) {
    DeclarationName Declared(&Definition->getASTContext().Idents.get(Name));
    for (const NamedDecl *Found : Definition->lookup(Declared))
      if (isa<CXXMethodDecl>(Found) || isa<FunctionTemplateDecl>(Found))
        return true;
  }
  for (const CXXBaseSpecifier &Base : Definition->bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      if (hasMethodNamed(*BaseClass, Wanted))
        return true;
  return false;
}

bool LockShapes::isLockable(const CXXRecordDecl &Class) {
  auto [It, Inserted] = Lockable.try_emplace(&Class, false);
  if (Inserted)
    It->second = hasMethodNamed(Class, {"lock", "Lock", "WriterLock", "lockForWrite"}) &&
                 hasMethodNamed(Class, {"unlock", "Unlock", "WriterUnlock"});
  return It->second;
}

LockOp LockShapes::memberLockOp(const CXXMethodDecl &Method, const CXXRecordDecl &ObjectClass) {
  if (!Method.getIdentifier() && !isa<CXXConversionDecl>(Method))
    return LockOp::None;
  bool Guard = hasGuardShape(ObjectClass);
  if (!Guard && !isLockable(ObjectClass))
    return LockOp::None;
  if (isa<CXXConversionDecl>(Method))
    return Guard && Method.getReturnType()->isBooleanType() ? LockOp::OwnsLock : LockOp::None;
  StringRef Name = Method.getName();
  // unique_lock::release() gives the mutex up still locked: this guard no
  // longer holds it, as far as its later accesses are concerned.
  if (Guard && Name == "release")
    return LockOp::Unlock;
  LockOp Op = opNamed(Name);
  if (Op == LockOp::OwnsLock && !Guard)
    return LockOp::None;
  return Op;
}

const LockShapes::ConstructorEffect &LockShapes::effectOf(const CXXConstructorDecl &Constructor) {
  auto [It, Inserted] = Effects.try_emplace(&Constructor);
  if (!Inserted)
    return It->second;
  const FunctionDecl *Definition = nullptr;
  if (!Constructor.hasBody(Definition) || !Definition)
    return It->second;
  ConstructorScan Scan(*this, *Constructor.getParent(), *Definition);
  Scan.run(*cast<CXXConstructorDecl>(Definition));
  // The map may have grown during the scan (a nested guard): look it up again.
  ConstructorEffect &Effect = Effects[&Constructor];
  Effect.Known = true;
  Effect.Locked = std::move(Scan.Locked);
  return Effect;
}

bool LockShapes::hasGuardShape(const CXXRecordDecl &Class) {
  auto [It, Inserted] = GuardShape.try_emplace(&Class, false);
  if (!Inserted)
    return It->second;
  const CXXRecordDecl *Definition = Class.getDefinition();
  bool Shape = false;
  if (Definition && Definition->getDestructor() && Definition->getDestructor()->isUserProvided()) {
    for (const CXXConstructorDecl *Constructor : Definition->ctors()) {
      if (isCopyOrMove(*Constructor))
        continue;
      for (const ParmVarDecl *Param : Constructor->parameters())
        if (const CXXRecordDecl *Referred = referredClass(Param->getType());
            Referred && Referred != Definition && isLockable(*Referred))
          Shape = true;
    }
  }
  if (!Shape && Guards.count(Names.nameOf(Class)))
    Shape = true;
  GuardShape[&Class] = Shape;
  return Shape;
}

bool LockShapes::isSharedGuard(const CXXRecordDecl &Class) {
  auto Catalogued = Guards.find(Names.nameOf(Class));
  if (Catalogued != Guards.end())
    return Catalogued->second.Shared;
  const CXXRecordDecl *Definition = Class.getDefinition();
  if (!Definition)
    return false;
  for (const CXXConstructorDecl *Constructor : Definition->ctors())
    for (const auto &[Param, Op] : effectOf(*Constructor).Locked)
      if (Op == LockOp::LockShared || Op == LockOp::TryLockShared)
        return true;
  return false;
}

bool LockShapes::isGuardType(QualType Type) {
  if (Type.isNull() || Type->isPointerType())
    return false;
  const CXXRecordDecl *Class = classOf(Type);
  return Class && hasGuardShape(*Class);
}

GuardConstruction LockShapes::guardConstruction(const CXXConstructExpr &Construct) {
  GuardConstruction Result;
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || isCopyOrMove(*Constructor) || Construct.getNumArgs() == 0)
    return Result;
  const CXXRecordDecl &Class = *Constructor->getParent();
  bool Defer = false, Adopt = false, Try = false;
  for (const Expr *Argument : Construct.arguments()) {
    QualType Type = Argument->getType();
    Defer |= isDeferTag(Type);
    Adopt |= isAdoptTag(Type);
    Try |= isTryTag(Type);
  }
  const ConstructorEffect &Effect = effectOf(*Constructor);
  bool Taking = false, Trying = false, Shared = !Effect.Locked.empty();
  for (const auto &[Param, Op] : Effect.Locked) {
    if (Param >= Construct.getNumArgs())
      continue;
    if (!llvm::is_contained(Result.MutexArgs, Param))
      Result.MutexArgs.push_back(Param);
    Taking |= Op == LockOp::Lock || Op == LockOp::LockShared;
    Trying |= Op == LockOp::TryLock || Op == LockOp::TryLockShared;
    Shared &= Op == LockOp::LockShared || Op == LockOp::TryLockShared;
  }
  bool Guard = !Result.MutexArgs.empty() || hasGuardShape(Class);
  if (!Guard)
    return Result;
  if (Result.MutexArgs.empty()) {
    // The constructor takes nothing it can be seen to lock: an adopting or
    // deferring one, or one whose body the translation unit lacks.
    if (Effect.Known && !Defer && !Adopt && !Try)
      return Result;
    for (unsigned I = 0; I < Construct.getNumArgs(); ++I)
      if (const CXXRecordDecl *Referred = classOf(Construct.getArg(I)->getType());
          Referred && Referred != &Class && isLockable(*Referred))
        Result.MutexArgs.push_back(I);
    if (Result.MutexArgs.empty())
      return Result;
    Shared = isSharedGuard(Class);
    Taking = !Defer && !Try;
    Trying = Try;
  }
  Result.Shared = Shared;
  if (Defer)
    Result.State = GuardConstruction::Deferred;
  else if (Adopt || Taking)
    Result.State = GuardConstruction::Held;
  else if (Trying || Try)
    Result.State = GuardConstruction::TryHeld;
  return Result;
}

const catalog::LockFunction *LockShapes::lockFunction(const CallSite &Site) {
  std::string Matched;
  const auto *const *Found = lookupCallee(Locks, Site, Names, Matched);
  return Found ? *Found : nullptr;
}

const catalog::LockFunction *LockShapes::unlockFunction(const CallSite &Site) {
  std::string Matched;
  const auto *const *Found = lookupCallee(Unlocks, Site, Names, Matched);
  return Found ? *Found : nullptr;
}

const catalog::LockFunction *LockShapes::tryLockFunction(const CallSite &Site) {
  std::string Matched;
  const auto *const *Found = lookupCallee(TryLocks, Site, Names, Matched);
  return Found ? *Found : nullptr;
}

bool LockShapes::typeIs(QualType Type, const llvm::StringSet<> &Set) {
  return typeIsOneOf(Type, Set, Names);
}

bool LockShapes::isDeferTag(QualType Type) { return typeIs(Type, DeferTags); }
bool LockShapes::isAdoptTag(QualType Type) { return typeIs(Type, AdoptTags); }
bool LockShapes::isTryTag(QualType Type) { return typeIs(Type, TryTags); }

bool LockShapes::isSynchronizationClass(const CXXRecordDecl &Class) {
  auto [It, Inserted] = SyncClass.try_emplace(&Class, false);
  if (Inserted)
    It->second =
        isLockable(Class) || hasGuardShape(Class) ||
        hasMethodNamed(Class, {"notify_one", "notify_all", "SignalAll", "wakeAll"}) ||
        hasMethodNamed(Class, {"compare_exchange_strong", "compare_exchange_weak", "test_and_set"});
  return It->second;
}

static QualType elementType(QualType Type) {
  Type = Type.getNonReferenceType();
  while (const auto *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType();
  return Type;
}

bool LockShapes::isAtomic(QualType Type) {
  if (Type.isNull())
    return false;
  if (typeIs(Type, Atomics))
    return true;
  const CXXRecordDecl *Class = elementType(Type)->getAsCXXRecordDecl();
  return Class && !Class->isDependentContext() &&
         hasMethodNamed(*Class,
                        {"compare_exchange_strong", "compare_exchange_weak", "test_and_set"});
}

bool LockShapes::isSynchronization(QualType Type) {
  if (Type.isNull())
    return false;
  // Asked of the type of every access; the same few types come back.
  auto [It, Inserted] = SyncType.try_emplace(Type.getAsOpaquePtr(), false);
  if (!Inserted)
    return It->second;
  bool Result = typeIs(Type, Atomics) || typeIs(Type, Synchronized);
  if (!Result) {
    const CXXRecordDecl *Class = elementType(Type)->getAsCXXRecordDecl();
    Result = Class && !Class->isDependentContext() && isSynchronizationClass(*Class);
  }
  SyncType[Type.getAsOpaquePtr()] = Result;
  return Result;
}

bool LockShapes::synchronizesItself(const CXXRecordDecl &Class) {
  auto [It, Inserted] = SelfSync.try_emplace(&Class, false);
  if (!Inserted)
    return It->second;
  bool Result = isSynchronizationClass(Class);
  if (const CXXRecordDecl *Definition = Class.getDefinition(); Definition && !Result) {
    for (const FieldDecl *Field : Definition->fields())
      if (isSynchronization(Field->getType())) {
        Result = true;
        break;
      }
    for (const CXXBaseSpecifier &Base : Definition->bases())
      if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl();
          !Result && BaseClass)
        Result = synchronizesItself(*BaseClass);
  }
  SelfSync[&Class] = Result;
  return Result;
}

} // namespace asynclint
