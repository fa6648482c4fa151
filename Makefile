# cordon: `make run` serves a demo community; `make test` runs every test (the same as CI).
.PHONY: all bootstrap build debug run test unit-test api-test bench format format-check clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	cmake --preset release
	cmake --build --preset release

debug: bootstrap
	cmake --preset debug
	cmake --build --preset debug

run: build
	@scripts/run

# Every test, in the sanitizer build.
test: format-check debug
	ctest --preset debug
	scripts/test-api build/debug/src/cordon

bench: build
	bench/run

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
