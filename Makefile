# cordon: `make run` serves a demo community; `make test` runs every test (the same as CI).
.PHONY: all bootstrap build debug web run test bench format format-check clean

all: build

bootstrap:
	@scripts/bootstrap

# The web console, built into web/dist (served by `cordon serve`).
web: bootstrap
	@scripts/web build

build: bootstrap web
	cmake --preset release
	cmake --build --preset release

debug: bootstrap
	cmake --preset debug
	cmake --build --preset debug

run: build
	@scripts/run

# Every test: unit tests in the sanitizer build, black-box API tests against it, then the web
# console's gates and its end-to-end tests in Chromium.
test: format-check debug web
	ctest --preset debug
	scripts/test-api build/debug/src/cordon
	scripts/web test build/debug/src/cordon

bench: build
	bench/run

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build web/dist
