import Image from 'next/image';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUser } from '@/server/auth/session';

// Made with the shipped demo model through the real engine (worker/cli/generate.ts: 256×256,
// 20 steps, seeds 8-13), so the page shows what a fresh install really produces.
const SHOWCASE = [
  { file: 'red-circles', prompt: 'a large red circle in the center on a blue background', seed: 8 },
  { file: 'yellow-squares', prompt: 'a large yellow square on a black background', seed: 9 },
  { file: 'green-triangles', prompt: 'a large green triangle in the center on a white background', seed: 10 },
  { file: 'purple-squares', prompt: 'a small purple square on the left on an orange background', seed: 11 },
  { file: 'white-circles', prompt: 'a large white circle on a purple background', seed: 12 },
  { file: 'orange-triangles', prompt: 'a large orange triangle on a green background', seed: 13 },
];

const FEATURES = [
  { title: 'Watch it form', text: 'Every step of the diffusion streams to your browser as a live preview, with your place in the queue.' },
  { title: 'On your own machine', text: 'Runs Stable Diffusion exports or the small model it ships with on your CPU or GPU. Nothing is fetched from the internet.' },
  { title: 'Keep and remix', text: 'Everything you make lands in a private gallery with its settings. The same seed gives the same image, byte for byte.' },
];

export default async function Home() {
  if (await currentUser()) redirect('/generate');
  return (
    <div className="space-y-16">
      <section className="mx-auto mt-8 max-w-2xl text-center">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Images from words, on your own machine.</h1>
        <p className="mt-4 text-zinc-300">
          Kumori is a self-hosted image studio: type a prompt, watch it form step by step, and keep everything in your own gallery.
        </p>
        <Link href="/signup" className="mt-8 inline-block rounded-md bg-accent px-6 py-3 font-medium text-white hover:bg-accent-strong">
          Create an account
        </Link>
      </section>

      <section aria-labelledby="showcase">
        <h2 id="showcase" className="text-lg font-semibold">Made by the demo model</h2>
        <p className="mt-1 text-sm text-zinc-400">A small model that knows shapes and colours ships with Kumori, so a fresh install generates at once.</p>
        <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {SHOWCASE.map((s) => (
            <li key={s.file}>
              <figure className="overflow-hidden rounded-lg border border-edge bg-panel">
                <Image src={`/showcase/${s.file}.webp`} alt={s.prompt} width={256} height={256} unoptimized className="img-smooth aspect-square w-full" />
                <figcaption className="px-2 py-1.5 text-xs text-zinc-400">
                  “{s.prompt}” · seed {s.seed}
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="what" className="pb-8">
        <h2 id="what" className="sr-only">What Kumori does</h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {FEATURES.map((f) => (
            <li key={f.title} className="rounded-lg border border-edge bg-panel p-4">
              <h3 className="font-medium">{f.title}</h3>
              <p className="mt-1 text-sm text-zinc-400">{f.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
