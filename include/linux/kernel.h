/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Basic types and helpers the model shares with the kernel's
 * include/linux/types.h, compiler.h and kernel.h.  Only what the model uses.
 */
#ifndef MMSIM_LINUX_KERNEL_H
#define MMSIM_LINUX_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr)-offsetof(type, member)))
#define ALIGN(x, a) (((x) + (a)-1) & ~((typeof(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((typeof(x))(a)-1))

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
#define ERR_PTR(err) ((void *)(long)(err))
#define IS_ERR(ptr) IS_ERR_VALUE((unsigned long)(ptr))

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#endif /* MMSIM_LINUX_KERNEL_H */
